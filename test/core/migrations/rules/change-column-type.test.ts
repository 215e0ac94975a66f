import { findingsAfter, findingsOf } from '../lint-sql.ts';

const rule = 'change-column-type';

describe(rule, () => {
  it('flags int → bigint: every row is rewritten and every index rebuilt under ACCESS EXCLUSIVE', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE orders ALTER COLUMN customer_id TYPE bigint;');
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', blocks: ['reads', 'writes'], rewrite: true });
    expect(finding!.fix).toContain('ALTER TABLE orders ADD COLUMN customer_id_new bigint;');
    expect(finding!.fix).toContain('CREATE TRIGGER orders_customer_id_sync BEFORE INSERT OR UPDATE ON orders');
    expect(finding!.fix).toContain('ALTER TABLE orders RENAME COLUMN customer_id_new TO customer_id;');
  });

  it('flags timestamp → timestamptz (rewrites unless the session TimeZone is UTC)', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE events ALTER COLUMN created_at TYPE timestamptz;');
    expect(finding!.message).toContain('session time zone');
  });

  it('flags a USING conversion, e.g. text to an enum', () => {
    expect(
      findingsOf(rule, 'ALTER TABLE orders ALTER COLUMN status SET DATA TYPE order_status USING status::order_status;'),
    ).toHaveLength(1);
  });

  it('flags one finding per rewriting subcommand', () => {
    const v1 = 'CREATE TABLE t (a integer, b varchar(10), c text);';
    const sql = 'ALTER TABLE t ALTER COLUMN a TYPE bigint, ALTER COLUMN b TYPE text, ALTER COLUMN c TYPE uuid USING c::uuid;';
    expect(findingsAfter(rule, [v1], sql)).toHaveLength(2);
  });

  it.each([
    'ALTER TABLE users ALTER COLUMN bio TYPE text;',
    'ALTER TABLE users ALTER COLUMN email TYPE varchar(320);',
    'ALTER TABLE invoices ALTER COLUMN amount TYPE numeric(14,2);',
    'ALTER TABLE events ALTER COLUMN at TYPE timestamptz(6);',
  ])('accepts the non-rewriting widening %s once the old type is known', (sql) => {
    const v1 = 'CREATE TABLE users (bio varchar(100), email varchar(255)); CREATE TABLE invoices (amount numeric(10,2)); CREATE TABLE events (at timestamptz(3));';
    expect(findingsAfter(rule, [v1], sql)).toEqual([]);
  });

  it.each([
    ['ALTER TABLE users ALTER COLUMN c TYPE text USING c::text;', 'integer → text converts every row'],
    ['ALTER TABLE users ALTER COLUMN c TYPE varchar(50);', 'text → varchar(50) checks every row'],
    ['ALTER TABLE users ALTER COLUMN c TYPE text;', 'integer → text converts every row'],
  ])('flags %s when the old type is unknown (%s), says so and how to tell the gate', (sql) => {
    const [finding] = findingsOf(rule, sql);
    expect(finding).toMatchObject({ severity: 'error', rewrite: true, lock: 'ACCESS EXCLUSIVE' });
    expect(finding!.message).toContain('old type unknown');
    expect(finding!.message).toContain('migrations.schema-dump');
  });

  it('accepts any type change on a table created earlier in the file', () => {
    expect(findingsOf(rule, 'CREATE TABLE t (id int);\nALTER TABLE t ALTER COLUMN id TYPE bigint;')).toEqual([]);
  });
});

describe(`${rule}: what Django and Rails generate`, () => {
  it('accepts Django widening a varchar with its USING cast of the column, once the old type is known', () => {
    const v1 = 'CREATE TABLE "shop_product" ("name" varchar(100));';
    expect(findingsAfter(rule, [v1], 'ALTER TABLE "shop_product" ALTER COLUMN "name" TYPE varchar(200) USING "name"::varchar(200);')).toEqual([]);
  });

  it('flags Django changing an integer to bigint, USING or not', () => {
    expect(findingsOf(rule, 'ALTER TABLE "shop_order" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;')).toHaveLength(1);
  });

  it('still flags a type change of a column this file added to an existing table (the table is rewritten regardless)', () => {
    expect(findingsOf(rule, 'ALTER TABLE users ADD COLUMN n int;\nALTER TABLE users ALTER COLUMN n TYPE bigint;')).toHaveLength(1);
  });

  describe('a column an earlier migration of the same run created', () => {
    const v1 = 'CREATE TABLE orders (id bigint, total integer, note varchar(100), amount numeric(10, 2));';

    it('is judged on its declared type: integer → numeric rewrites for certain, not just "old type unknown"', () => {
      expect(findingsOf(rule, 'ALTER TABLE orders ALTER COLUMN total TYPE numeric;')[0]!.message).toContain('old type unknown');
      const [finding] = findingsAfter(rule, [v1], 'ALTER TABLE orders ALTER COLUMN total TYPE numeric;');
      expect(finding).toMatchObject({ rewrite: true, lock: 'ACCESS EXCLUSIVE', path: 'V2__this.sql' });
      expect(finding!.message).not.toContain('old type unknown');
    });

    it('knows a shorter varchar re-checks every row and a longer one does not', () => {
      expect(findingsAfter(rule, [v1], 'ALTER TABLE orders ALTER COLUMN note TYPE varchar(50);')).toHaveLength(1);
      expect(findingsAfter(rule, [v1], 'ALTER TABLE orders ALTER COLUMN note TYPE varchar(200);')).toEqual([]);
      expect(findingsAfter(rule, [v1], 'ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12, 2);')).toEqual([]);
    });

    it('follows the column through later files: added, retyped, renamed, dropped', () => {
      const later = [v1, 'ALTER TABLE orders ADD COLUMN code varchar(10);', 'ALTER TABLE orders ALTER COLUMN code TYPE text;', 'ALTER TABLE orders RENAME COLUMN code TO sku;'];
      expect(findingsAfter(rule, later, 'ALTER TABLE orders ALTER COLUMN sku TYPE varchar(5);')).toHaveLength(1);
      expect(findingsAfter(rule, later, 'ALTER TABLE orders ALTER COLUMN sku TYPE varchar;')).toEqual([]);
      const dropped = [...later, 'ALTER TABLE orders DROP COLUMN sku;', 'ALTER TABLE orders ADD COLUMN sku integer;'];
      expect(findingsAfter(rule, dropped, 'ALTER TABLE orders ALTER COLUMN sku TYPE bigint;')).toHaveLength(1);
    });

    it('tells tables of the same name in different schemas apart', () => {
      const schemas = ['CREATE TABLE app.orders (code varchar(100));\nCREATE TABLE audit.orders (code varchar(10));'];
      expect(findingsAfter(rule, schemas, 'ALTER TABLE app.orders ALTER COLUMN code TYPE varchar(20);')).toHaveLength(1);
      expect(findingsAfter(rule, schemas, 'ALTER TABLE audit.orders ALTER COLUMN code TYPE varchar(20);')).toEqual([]);
      // Unqualified, one schema has the table: that one (search_path); several: the old type is unknown.
      const [items] = findingsAfter(rule, ['CREATE TABLE app.items (n integer);'], 'ALTER TABLE items ALTER COLUMN n TYPE numeric;');
      expect(items!.message).not.toContain('old type unknown');
      const [orders] = findingsAfter(rule, schemas, 'ALTER TABLE orders ALTER COLUMN code TYPE varchar(20);');
      expect(orders!.message).toContain('old type unknown');
    });

    it('knows a column an earlier statement of the same file added to an existing table', () => {
      expect(findingsOf(rule, 'ALTER TABLE orders ADD COLUMN cents integer;\nALTER TABLE orders ALTER COLUMN cents TYPE numeric;')).toHaveLength(1);
    });
  });
});
