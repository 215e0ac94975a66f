import { findingsOf } from '../lint-sql.ts';

const rule = 'create-index-concurrently-in-transaction';

describe(rule, () => {
  it('flags CREATE INDEX CONCURRENTLY inside BEGIN … COMMIT (PostgreSQL refuses it)', () => {
    const sql = 'BEGIN;\nCREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at);\nCOMMIT;';
    const [finding] = findingsOf(rule, sql);
    expect(finding).toMatchObject({ severity: 'error', line: 2, column: 1 });
    expect(finding!.message).toContain('inside BEGIN');
    expect(finding!.fix).toContain('CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at);');
  });

  it('flags it inside a DO block, which runs as one transaction', () => {
    const sql = 'DO $$\nBEGIN\n  CREATE INDEX CONCURRENTLY i ON orders (id);\nEND\n$$;';
    const [finding] = findingsOf(rule, sql);
    expect(finding).toMatchObject({ line: 3, column: 3 });
    expect(finding!.message).toContain('DO block');
  });

  it('flags it when the migration tool wraps the file in a transaction (assume-transaction)', () => {
    expect(findingsOf(rule, 'CREATE INDEX CONCURRENTLY i ON orders (id);', { assumeTransaction: true })).toHaveLength(1);
  });

  it('accepts CREATE INDEX CONCURRENTLY outside a transaction, and after COMMIT', () => {
    expect(findingsOf(rule, 'CREATE INDEX CONCURRENTLY i ON orders (id);')).toEqual([]);
    expect(findingsOf(rule, 'BEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON orders (note);')).toEqual([]);
  });
});
