import { cell, renderMigrationsMarkdown } from '../../../core/report/migrations-markdown.ts';
import type { Finding, LintReport } from '../../../core/migrations/types.ts';
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
