import { findingsOf, ruleIds } from '../lint-sql.ts';

describe('non-concurrent-index', () => {
  it('flags CREATE INDEX on an existing table: SHARE lock, writes wait for the whole build', () => {
    const [finding] = findingsOf('non-concurrent-index', 'CREATE INDEX idx_orders_customer ON orders (customer_id);');
    expect(finding).toMatchObject({
      severity: 'error',
      line: 1,
      column: 1,
      lock: 'SHARE',
      blocks: ['writes'],
      rewrite: false,
      fix: 'CREATE INDEX CONCURRENTLY idx_orders_customer ON orders (customer_id);',
    });
    expect(finding!.message).toContain('orders');
  });

  it('keeps UNIQUE, schema, method and predicate in the suggested rewrite', () => {
    const [finding] = findingsOf(
      'non-concurrent-index',
      "CREATE UNIQUE INDEX users_email_key ON app.users USING btree (lower(email)) WHERE deleted_at IS NULL;",
    );
    expect(finding!.fix).toBe(
      'CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON app.users USING btree (lower(email)) WHERE deleted_at IS NULL;',
    );
    expect(finding!.message).toContain('app.users');
  });

  it('says to run the concurrent build outside the transaction it was in', () => {
    const [finding] = findingsOf('non-concurrent-index', 'BEGIN;\nCREATE INDEX i ON orders (created_at);\nCOMMIT;');
    expect(finding!.line).toBe(2);
    expect(finding!.fix).toContain('outside a transaction block');
  });

  it('accepts CREATE INDEX CONCURRENTLY', () => {
    expect(ruleIds('CREATE INDEX CONCURRENTLY idx_orders_customer ON orders (customer_id);')).not.toContain(
      'non-concurrent-index',
    );
  });

  it('accepts indexes on a table created earlier in the same file (new and empty)', () => {
    const sql = `
      CREATE TABLE invoices (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
      CREATE INDEX invoices_customer_idx ON invoices (customer_id);
      CREATE INDEX ON public.invoices (id, customer_id);`;
    expect(ruleIds(sql)).not.toContain('non-concurrent-index');
  });

  it('treats a quoted name as case-sensitive: "Orders" is not the new table orders', () => {
    const sql = 'CREATE TABLE orders (id int);\nCREATE INDEX i ON "Orders" (id);';
    expect(findingsOf('non-concurrent-index', sql)).toHaveLength(1);
  });
});
