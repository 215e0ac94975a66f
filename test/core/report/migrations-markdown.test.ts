import type { ShadowReport, ShadowStatementReport } from '../../../core/migrations/shadow-types.ts';
import type { Finding, LintReport } from '../../../core/migrations/types.ts';
import { cell, renderMigrationsMarkdown, serverVersionName } from '../../../core/report/migrations-markdown.ts';
import { indexFinding, sampleReport } from './sample-report.ts';

describe('migration gate job summary', () => {
  const markdown = renderMigrationsMarkdown(sampleReport());

  it('starts with a heading and the totals', () => {
    expect(markdown.startsWith('## Migration gate\n\n❌ **2 errors**, 1 warning in 3 files, 6 statements\n')).toBe(true);
  });

  it('has a table per file with statement, rule, lock, what it blocks and the fix', () => {
    expect(markdown).toContain('### `db/migrations/V2__index_orders.sql`\n\n| Statement | Rule | Lock | Blocks | Safe rewrite |');
    expect(markdown).toContain(
      '| L3 <code>CREATE INDEX orders_customer_idx ON orders (customer_id)</code> | ❌ `non-concurrent-index`<br>CREATE INDEX without CONCURRENTLY blocks writes to "orders" while the index builds. | SHARE | writes | <code>CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);</code> |',
    );
    expect(markdown).toContain('| ACCESS EXCLUSIVE<br>rewrites table | reads, writes |');
  });

  it('puts what the shadow run observed in its own section', () => {
    const observed = markdown.indexOf('### Observed on a real PostgreSQL (shadow run)');
    expect(observed).toBeGreaterThan(0);
    expect(markdown.indexOf('observed-table-rewrite')).toBeGreaterThan(observed);
    expect(markdown).not.toContain('\n### `db/migrations/V3__type.sql`');
  });

  it('lists clean files in a collapsed list', () => {
    expect(markdown).toContain('<summary>1 file without findings</summary>\n\n- `db/migrations/V1__create_orders.sql`');
  });

  it('keeps table cells intact when SQL holds pipes, angle brackets and newlines', () => {
    expect(cell("SELECT a || b\nFROM t WHERE x <> '<b>'")).toBe(
      'SELECT a &#124;&#124; b<br>FROM t WHERE x &lt;&gt; \'&lt;b&gt;\'',
    );
  });

  it('says so when there is nothing to report', () => {
    const clean = renderMigrationsMarkdown({ version: 1, files: [{ path: 'a.sql', findings: [], statements: 4 }] });
    expect(clean).toContain('✅ No hazards in 1 file, 4 statements');
  });

  it('stays under the size budget and says that findings were left out', () => {
    const many: LintReport = {
      version: 1,
      files: Array.from({ length: 200 }, (_, i) => ({
        path: `db/V${i}__x.sql`,
        statements: 50,
        findings: Array.from({ length: 50 }, (_, j): Finding => ({ ...indexFinding, path: `db/V${i}__x.sql`, line: j + 1 })),
      })),
    };
    const limited = renderMigrationsMarkdown(many, { maxBytes: 64 * 1024 });
    expect(Buffer.byteLength(limited)).toBeLessThanOrEqual(64 * 1024);
    expect(limited).toMatch(/> \d+ more sections did not fit in the job summary/);
  });
});

describe('migration gate job summary with a shadow run', () => {
  const shadow: ShadowReport = {
    database: 'faultline_shadow_abc',
    serverVersion: 160004,
    completed: false,
    files: [
      { path: 'db/V1__orders.sql', statements: 2, applied: 2, openTransactionRolledBack: false },
      { path: 'db/V2__change.sql', statements: 3, applied: 1, openTransactionRolledBack: false },
    ],
    findings: [],
    statements: [
      statement({ path: 'db/V1__orders.sql', line: 1, text: 'CREATE TABLE orders (id bigint)', durationMs: 3, locks: [{ relation: 'orders', mode: 'ACCESS EXCLUSIVE', preExisting: false }] }),
      statement({ path: 'db/V2__change.sql', line: 1, text: 'CREATE INDEX ON orders (id)', durationMs: 12.4, locks: [{ relation: 'orders', mode: 'SHARE', preExisting: true }] }),
      statement({
        path: 'db/V2__change.sql',
        line: 2,
        text: 'ALTER TABLE orders ALTER COLUMN id TYPE numeric',
        durationMs: 48.6,
        locks: [
          { relation: 'orders', mode: 'SHARE', preExisting: true },
          { relation: 'orders', mode: 'ACCESS EXCLUSIVE', preExisting: true },
        ],
        rewrote: [{ relation: 'orders', preExisting: true }],
      }),
    ],
  };
  const markdown = renderMigrationsMarkdown({ version: 1, files: [] }, { shadow });

  it('says how much was applied, on which server version, and that it stopped at a failure', () => {
    expect(markdown).toContain('### Observed on a real PostgreSQL (shadow run)');
    expect(markdown).toContain('Applied 3 of 5 statements to a scratch database on PostgreSQL 16.4 (dropped afterwards); it stopped at the first failure.');
  });

  it('lists the slowest statements that locked or rewrote tables that existed before, slowest first', () => {
    const rows = markdown.split('\n').filter((line) => line.startsWith('| `db/'));
    expect(rows).toEqual([
      '| `db/V2__change.sql` L2 <code>ALTER TABLE orders ALTER COLUMN id TYPE numeric</code> | 49 ms | ACCESS EXCLUSIVE on orders | orders |',
      '| `db/V2__change.sql` L1 <code>CREATE INDEX ON orders (id)</code> | 12 ms | SHARE on orders | — |',
    ]);
  });

  it('names server versions as PostgreSQL does', () => {
    expect(serverVersionName(150018)).toBe('15.18');
    expect(serverVersionName(90624)).toBe('9.6.24');
  });
});

function statement(fields: Partial<ShadowStatementReport> & Pick<ShadowStatementReport, 'path' | 'line' | 'text'>): ShadowStatementReport {
  return { column: 1, index: 0, observedBy: 'own-session', locks: [], rewrote: [], durationMs: 0, lockTimeoutMs: 0, ...fields };
}
