import { renderMigrationsJson, toMigrationsJson } from '../../../core/report/migrations-json.ts';
import { sampleReport } from './sample-report.ts';

describe('migration gate JSON output', () => {
  it('is one JSON document with version 1 and every file, clean ones included', () => {
    const text = renderMigrationsJson(sampleReport());
    const doc = JSON.parse(text);
    expect(doc.version).toBe(1);
    expect(doc.files.map((f: { path: string }) => f.path)).toEqual([
      'db/migrations/V1__create_orders.sql',
      'db/migrations/V2__index_orders.sql',
      'db/migrations/V3__type.sql',
    ]);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('gives each finding exactly the documented keys, with null for a missing lock or fix', () => {
    const doc = toMigrationsJson(sampleReport());
    const keys = ['rule', 'severity', 'line', 'column', 'message', 'lock', 'blocks', 'rewrite', 'fix'];
    for (const file of doc.files) {
      for (const finding of file.findings) expect(Object.keys(finding)).toEqual(keys);
    }
    expect(doc.files[1]!.findings[0]).toEqual({
      rule: 'non-concurrent-index',
      severity: 'error',
      line: 3,
      column: 1,
      message: 'CREATE INDEX without CONCURRENTLY blocks writes to "orders" while the index builds.',
      lock: 'SHARE',
      blocks: ['writes'],
      rewrite: false,
      fix: 'CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);',
    });
    expect(doc.files[2]!.findings[0]!.fix).toBeNull();
  });

  it('keeps the top level to version and files, and a file to path and findings', () => {
    const doc = toMigrationsJson(sampleReport());
    expect(Object.keys(doc)).toEqual(['version', 'files']);
    expect(Object.keys(doc.files[0]!)).toEqual(['path', 'findings']);
  });
});
