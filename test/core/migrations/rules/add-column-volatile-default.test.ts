import { findingsOf } from '../lint-sql.ts';

const rule = 'add-column-volatile-default';

describe(rule, () => {
  it('flags gen_random_uuid() on an existing table: a rewrite under ACCESS EXCLUSIVE', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT gen_random_uuid();');
    expect(finding).toMatchObject({
      severity: 'error',
      lock: 'ACCESS EXCLUSIVE',
      blocks: ['reads', 'writes'],
      rewrite: true,
    });
    expect(finding!.message).toContain('gen_random_uuid() is VOLATILE');
    expect(finding!.fix).toBe(
      'ALTER TABLE orders ADD COLUMN public_id uuid;\n' +
        'ALTER TABLE orders ALTER COLUMN public_id SET DEFAULT gen_random_uuid();\n' +
        '-- backfill in batches, each in its own transaction; repeat until it updates 0 rows:\n' +
        'UPDATE orders SET public_id = gen_random_uuid() WHERE ctid IN (SELECT ctid FROM orders WHERE public_id IS NULL LIMIT 10000);',
    );
  });

  it.each(['clock_timestamp()', 'random()', "nextval('orders_seq')", 'uuid_generate_v4()', 'timeofday()::timestamptz'])(
    'flags DEFAULT %s',
    (expression) => {
      expect(findingsOf(rule, `ALTER TABLE app.orders ADD COLUMN x text DEFAULT ${expression};`)).toHaveLength(1);
    },
  );

  it('adds the NOT NULL steps to the fix when the column was declared NOT NULL', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE orders ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();');
    expect(finding!.fix).toContain('ADD CONSTRAINT orders_token_not_null CHECK (token IS NOT NULL) NOT VALID;');
    expect(finding!.fix).toContain('ALTER TABLE orders ALTER COLUMN token SET NOT NULL;');
  });

  it('flags an unknown (user-defined) function and says why', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE orders ADD COLUMN ulid text DEFAULT generate_ulid();');
    expect(finding!.message).toContain('not a built-in');
  });

  it.each(["now()", 'CURRENT_TIMESTAMP', "'pending'", '0', "timezone('utc', now())", 'NULL'])(
    'accepts the non-volatile DEFAULT %s (stored once since PostgreSQL 11)',
    (expression) => {
      expect(findingsOf(rule, `ALTER TABLE orders ADD COLUMN x timestamptz DEFAULT ${expression};`)).toEqual([]);
    },
  );

  it('accepts a volatile default on a table created earlier in the file (it is empty)', () => {
    const sql = 'CREATE TABLE tokens (id bigint);\nALTER TABLE tokens ADD COLUMN value uuid DEFAULT gen_random_uuid();';
    expect(findingsOf(rule, sql)).toEqual([]);
  });

  it('accepts setting a volatile default on an existing column (affects new rows only)', () => {
    expect(findingsOf(rule, 'ALTER TABLE orders ALTER COLUMN public_id SET DEFAULT gen_random_uuid();')).toEqual([]);
  });

  it('leaves serial columns to add-column-auto-increment', () => {
    expect(findingsOf(rule, 'ALTER TABLE orders ADD COLUMN seq bigserial;')).toEqual([]);
  });
});
