import type { ShadowReport } from '../../../core/migrations/shadow-types.ts';
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

  it('gives each finding exactly the documented keys, with null for a missing lock or fix, and where it came from', () => {
    const doc = toMigrationsJson(sampleReport());
    const keys = ['rule', 'severity', 'line', 'column', 'message', 'lock', 'blocks', 'rewrite', 'fix', 'source'];
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
      source: 'static',
    });
    expect(doc.files[2]!.findings[0]!.fix).toBeNull();
    // What the shadow run saw happen is marked as observed, not as a rule's inference.
    expect(doc.files[2]!.findings[0]).toMatchObject({ rule: 'observed-table-rewrite', source: 'observed' });
  });

  it('says what was checked in totals, and per file how many statements', () => {
    const doc = toMigrationsJson(sampleReport());
    // In the order the streamed writer can write them: a count after what it counts.
    expect(Object.keys(doc)).toEqual(['version', 'files', 'totals']);
    expect(doc.totals).toEqual({ files: 3, statements: 6, errors: 2, warnings: 1, observed: 1 });
    expect(Object.keys(doc.files[0]!)).toEqual(['path', 'findings', 'statements']);
    expect(doc.totals.statements).toBe(doc.files.reduce((n, f) => n + f.statements, 0));
  });

  it('adds the shadow run: server version, statements applied, and each statement’s locks, rewrites and duration', () => {
    const shadow: ShadowReport = {
      database: 'faultline_shadow_abc',
      serverVersion: 160004,
      completed: false,
      startedFrom: 'empty',
      files: [{ path: 'db/V2__change.sql', statements: 3, applied: 1, openTransactionRolledBack: false }],
      findings: [],
      statements: [
        {
          path: 'db/V2__change.sql',
          line: 2,
          column: 1,
          index: 1,
          text: 'ALTER TABLE orders ALTER COLUMN id TYPE numeric',
          observedBy: 'own-session',
          locks: [{ relation: 'orders', mode: 'ACCESS EXCLUSIVE', preExisting: true }],
          rewrote: [{ relation: 'orders', preExisting: true }],
          durationMs: 48.6,
          lockTimeoutMs: 0,
          error: { message: 'canceling statement due to statement timeout', sqlState: '57014', line: 2, column: 1 },
        },
      ],
    };
    const doc = toMigrationsJson(sampleReport(), shadow);
    expect(doc.shadow).toEqual({
      serverVersion: 160004,
      startedFrom: 'empty',
      completed: false,
      refused: false,
      statements: { total: 3, applied: 1 },
      observations: [
        {
          path: 'db/V2__change.sql',
          line: 2,
          column: 1,
          observedBy: 'own-session',
          durationMs: 48.6,
          lockTimeoutMs: 0,
          locks: [{ relation: 'orders', mode: 'ACCESS EXCLUSIVE', preExisting: true }],
          rewrote: [{ relation: 'orders', preExisting: true }],
          error: { message: 'canceling statement due to statement timeout', sqlState: '57014', line: 2, column: 1 },
        },
      ],
    });
    expect(toMigrationsJson(sampleReport()).shadow).toBeUndefined();
  });
});
