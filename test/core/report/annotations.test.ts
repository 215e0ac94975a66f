import { type Annotation, migrationAnnotation, selectAnnotations } from '../../../core/report/annotations.ts';
import { indexFinding, shadowFinding } from './sample-report.ts';

describe('annotations from findings', () => {
  it('places a finding at its file, line and column with the rule as title and the fix in the message', () => {
    expect(migrationAnnotation(indexFinding)).toEqual({
      level: 'error',
      file: 'db/migrations/V2__index_orders.sql',
      startLine: 3,
      startColumn: 1,
      title: 'non-concurrent-index',
      message:
        'CREATE INDEX without CONCURRENTLY blocks writes to "orders" while the index builds.\nLock: SHARE, blocks writes.\nSafe rewrite:\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);',
    });
  });

  it('marks observations of the shadow run in the title', () => {
    expect(migrationAnnotation(shadowFinding).title).toBe('observed-table-rewrite (observed)');
  });

  it('uses forward slashes in paths', () => {
    expect(migrationAnnotation({ ...indexFinding, path: 'db\\V1.sql' }).file).toBe('db/V1.sql');
  });

  it('keeps errors first and at most the per-level limit GitHub displays, counting the rest', () => {
    const make = (level: Annotation['level'], line: number): Annotation => ({ level, file: 'a.sql', startLine: line, title: 't', message: 'm' });
    const all = [...Array.from({ length: 12 }, (_, i) => make('warning', i + 1)), ...Array.from({ length: 3 }, (_, i) => make('error', 20 - i))];
    const { annotations, omitted } = selectAnnotations(all, 10);
    expect(annotations.map((a) => a.level)).toEqual([...Array(3).fill('error'), ...Array(10).fill('warning')]);
    expect(annotations.slice(0, 3).map((a) => a.startLine)).toEqual([18, 19, 20]);
    expect(omitted).toBe(2);
  });
});
