import { findingsOf, ruleIds } from '../lint-sql.ts';

const rule = 'concurrently-in-transaction';

describe(rule, () => {
  it('flags DROP INDEX CONCURRENTLY inside BEGIN … COMMIT (PostgreSQL refuses it)', () => {
    const sql = 'BEGIN;\nDROP INDEX CONCURRENTLY IF EXISTS orders_old_idx;\nCOMMIT;';
    const [finding] = findingsOf(rule, sql);
    expect(finding).toMatchObject({ severity: 'error', line: 2, column: 1, lock: null, rewrite: false });
    expect(finding!.message).toBe(
      'DROP INDEX CONCURRENTLY runs inside BEGIN … COMMIT: PostgreSQL refuses it there ("cannot run inside a transaction block") and the migration fails.',
    );
    expect(finding!.fix).toBe('-- in a migration of its own that runs outside any transaction block:\nDROP INDEX CONCURRENTLY IF EXISTS orders_old_idx;');
  });

  it('flags REINDEX … CONCURRENTLY in both spellings, inside a DO block', () => {
    const sql = 'DO $$\nBEGIN\n  REINDEX INDEX CONCURRENTLY orders_idx;\n  REINDEX (CONCURRENTLY, VERBOSE) TABLE orders;\nEND\n$$;';
    const findings = findingsOf(rule, sql);
    expect(findings.map((f) => [f.line, f.column])).toEqual([
      [3, 3],
      [4, 3],
    ]);
    expect(findings[0]!.message).toMatch(/^REINDEX CONCURRENTLY runs inside a DO block/);
  });

  it('flags DETACH PARTITION … CONCURRENTLY when the migration tool wraps the file in a transaction', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;', { assumeTransaction: true, pgVersion: 14 });
    expect(finding!.message).toMatch(/^ALTER TABLE … DETACH PARTITION … CONCURRENTLY runs inside the transaction the migration tool wraps around this file/);
  });

  it('accepts the CONCURRENTLY forms outside a transaction, and after COMMIT', () => {
    expect(findingsOf(rule, 'DROP INDEX CONCURRENTLY orders_old_idx;')).toEqual([]);
    expect(findingsOf(rule, 'REINDEX INDEX CONCURRENTLY orders_idx;')).toEqual([]);
    expect(findingsOf(rule, 'BEGIN;\nSELECT 1;\nCOMMIT;\nALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;', { pgVersion: 14 })).toEqual([]);
  });

  it('leaves the blocking forms to their own rules, and CREATE INDEX CONCURRENTLY to its older id', () => {
    const sql = 'BEGIN;\nDROP INDEX orders_old_idx;\nREINDEX (CONCURRENTLY false) INDEX orders_idx;\nALTER TABLE events DETACH PARTITION events_2023;\nCOMMIT;';
    expect(findingsOf(rule, sql)).toEqual([]);
    const ids = ruleIds('BEGIN;\nCREATE INDEX CONCURRENTLY i ON orders (id);\nCOMMIT;');
    expect(ids).toContain('create-index-concurrently-in-transaction');
    expect(ids).not.toContain(rule);
  });
});
