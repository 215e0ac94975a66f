import { renderMigrationsText } from '../../../core/report/migrations-text.ts';
import { sampleReport } from './sample-report.ts';

describe('migration gate terminal output', () => {
  const plain = renderMigrationsText(sampleReport(), { colour: false });

  it('prints each finding as path:line:col severity rule message', () => {
    expect(plain).toContain(
      'db/migrations/V2__index_orders.sql:3:1 error non-concurrent-index CREATE INDEX without CONCURRENTLY blocks writes to "orders" while the index builds.',
    );
    expect(plain).toContain('db/migrations/V2__index_orders.sql:1:1 warning missing-lock-timeout No lock_timeout is set');
  });

  it('lists findings of a file in line order', () => {
    expect(plain.indexOf('V2__index_orders.sql:1:1')).toBeLessThan(plain.indexOf('V2__index_orders.sql:3:1'));
  });

  it('explains the lock, what it blocks, the rewrite, and indents the fix under the finding', () => {
    expect(plain).toContain('    lock SHARE · blocks writes\n    fix:\n      CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);');
    expect(plain).toContain('    lock ACCESS EXCLUSIVE · blocks reads and writes · rewrites the table');
  });

  it('marks what the shadow run observed', () => {
    expect(plain).toContain('V3__type.sql:2:5 error observed-table-rewrite (observed) The shadow run saw');
  });

  it('says which files are clean and ends with the totals', () => {
    expect(plain).toContain('ok db/migrations/V1__create_orders.sql (2 statements)');
    expect(plain.trimEnd().split('\n').at(-1)).toBe('3 files, 6 statements: 2 errors, 1 warning');
  });

  it('has no escape codes unless colour is asked for, and colours severities when it is', () => {
    expect(plain).not.toContain('\u001b[');
    const coloured = renderMigrationsText(sampleReport(), { colour: true });
    expect(coloured).toContain('\u001b[31merror\u001b[0m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[0m');
  });

  it('reports an empty run without findings as clean', () => {
    const text = renderMigrationsText({ version: 1, files: [] }, { colour: false });
    expect(text).toBe('0 files, 0 statements: 0 errors, 0 warnings\n');
  });
});

describe('migration gate terminal output for runs of clean files', () => {
  it('keeps consecutive clean files on consecutive lines', () => {
    const text = renderMigrationsText(
      {
        version: 1,
        files: [
          { path: 'V1.sql', findings: [], statements: 1 },
          { path: 'V2.sql', findings: [], statements: 3 },
        ],
      },
      { colour: false },
    );
    expect(text).toBe('ok V1.sql (1 statement)\nok V2.sql (3 statements)\n\n2 files, 4 statements: 0 errors, 0 warnings\n');
  });
});
