import { findingsOf } from '../lint-sql.ts';

const rule = 'reindex-non-concurrent';

describe(rule, () => {
  it('flags REINDEX INDEX and suggests REINDEX CONCURRENTLY on PostgreSQL 12+', () => {
    const [finding] = findingsOf(rule, 'REINDEX INDEX index_orders_on_customer_id;');
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', blocks: ['reads', 'writes'] });
    expect(finding!.fix).toBe('REINDEX INDEX CONCURRENTLY index_orders_on_customer_id;');
  });

  it('flags REINDEX TABLE and keeps the schema in the fix', () => {
    const [finding] = findingsOf(rule, 'REINDEX TABLE billing.invoices;');
    expect(finding!.fix).toBe('REINDEX TABLE CONCURRENTLY billing.invoices;');
  });

  it('on PostgreSQL 11 (no REINDEX CONCURRENTLY) gives the build-and-swap recipe', () => {
    const [finding] = findingsOf(rule, 'REINDEX INDEX orders_pkey2;', { pgVersion: 11 });
    expect(finding!.fix).toContain('DROP INDEX CONCURRENTLY orders_pkey2;');
    expect(finding!.fix).toContain('ALTER INDEX orders_pkey2_new RENAME TO orders_pkey2;');
  });

  it('accepts REINDEX … CONCURRENTLY in both spellings', () => {
    expect(findingsOf(rule, 'REINDEX INDEX CONCURRENTLY i;')).toEqual([]);
    expect(findingsOf(rule, 'REINDEX (CONCURRENTLY) TABLE orders;')).toEqual([]);
  });

  it('accepts reindexing a table created in the same file', () => {
    expect(findingsOf(rule, 'CREATE TABLE scratch (id int);\nREINDEX TABLE scratch;')).toEqual([]);
  });
});
