import { findingsOf } from '../lint-sql.ts';

const rule = 'add-foreign-key-without-not-valid';

describe(rule, () => {
  it('flags ADD FOREIGN KEY: SHARE ROW EXCLUSIVE on both tables while every row is checked', () => {
    const sql =
      'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE;';
    const [finding] = findingsOf(rule, sql);
    expect(finding).toMatchObject({ severity: 'error', lock: 'SHARE ROW EXCLUSIVE', blocks: ['writes'], rewrite: false });
    expect(finding!.message).toContain('customers');
    expect(finding!.fix).toBe(
      'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID;\n' +
        '-- then, in a separate transaction (writes continue while it checks existing rows):\n' +
        'ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;',
    );
  });

  it('flags an inline REFERENCES on ADD COLUMN and names the constraint as PostgreSQL would', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE line_items ADD COLUMN product_id bigint REFERENCES products;');
    expect(finding!.fix).toContain('ALTER TABLE line_items ADD COLUMN product_id bigint;');
    expect(finding!.fix).toContain(
      'ADD CONSTRAINT line_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES products NOT VALID;',
    );
  });

  it('accepts NOT VALID followed by VALIDATE in a later transaction', () => {
    const sql =
      'ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\n' +
      'ALTER TABLE orders VALIDATE CONSTRAINT fk;';
    expect(findingsOf(rule, sql)).toEqual([]);
  });

  it('accepts foreign keys on a table created in the same file', () => {
    const sql =
      'CREATE TABLE payments (id bigint PRIMARY KEY, order_id bigint);\n' +
      'ALTER TABLE payments ADD CONSTRAINT payments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);';
    expect(findingsOf(rule, sql)).toEqual([]);
  });
});
