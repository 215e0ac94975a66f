import { MigrationState } from '../../../core/migrations/context.ts';
import { relationLocks } from '../../../core/migrations/locks.ts';
import { loadParser, parseMigration } from '../../../core/migrations/parse.ts';

await loadParser();

/** Runs every statement of `sql` through a fresh context, as the engine does, and returns it. */
function contextAfter(sql: string, options: { assumeTransaction?: boolean; pgVersion?: number } = {}): MigrationState {
  const context = new MigrationState({ pgVersion: options.pgVersion ?? 15, path: 'm.sql', assumeTransaction: options.assumeTransaction });
  for (const statement of parseMigration(sql, 'm.sql').statements) {
    context.enter(statement);
    context.apply(statement, relationLocks(statement, context.pgVersion));
  }
  return context;
}

describe('MigrationContext: relations the file created', () => {
  it('knows tables, CREATE TABLE AS, materialized views, SELECT INTO, indexes, sequences and views', () => {
    const c = contextAfter(`CREATE TABLE app.users (id int);
CREATE TABLE report AS SELECT 1;
CREATE MATERIALIZED VIEW daily AS SELECT 1;
SELECT 1 INTO scratch;
CREATE INDEX users_id_idx ON app.users (id);
CREATE SEQUENCE order_no;
CREATE VIEW v AS SELECT 1;`);
    for (const name of ['report', 'daily', 'scratch', 'users_id_idx', 'order_no', 'v']) expect(c.isNewRelation({ name })).toBe(true);
    expect(c.isNewRelation({ schema: 'app', name: 'users' })).toBe(true);
    expect(c.isNewRelation({ name: 'users' })).toBe(true);
    expect(c.isNewRelation({ schema: 'billing', name: 'users' })).toBe(false);
    expect(c.isNewRelation({ name: 'orders' })).toBe(false);
  });

  it('matches quoted identifiers exactly and unquoted ones folded to lower case', () => {
    const c = contextAfter('CREATE TABLE "Orders" (id int);\nCREATE TABLE Items (id int);');
    expect(c.isNewRelation({ name: 'Orders' })).toBe(true);
    expect(c.isNewRelation({ name: 'orders' })).toBe(false);
    expect(c.isNewRelation({ name: 'items' })).toBe(true);
  });

  it('keeps a renamed new table new, under its new name; forgets dropped ones', () => {
    const c = contextAfter('CREATE TABLE tmp_orders (id int);\nALTER TABLE tmp_orders RENAME TO orders_v2;\nCREATE TABLE gone (id int);\nDROP TABLE gone;');
    expect(c.isNewRelation({ name: 'orders_v2' })).toBe(true);
    expect(c.isNewRelation({ name: 'tmp_orders' })).toBe(false);
    expect(c.isNewRelation({ name: 'gone' })).toBe(false);
  });

  it('does not make an existing table new by renaming it', () => {
    expect(contextAfter('ALTER TABLE orders RENAME TO orders_old;').isNewRelation({ name: 'orders_old' })).toBe(false);
  });

  it('tracks columns the file created or added', () => {
    const c = contextAfter('CREATE TABLE t (a int);\nALTER TABLE orders ADD COLUMN note text;');
    expect(c.hasColumnFromFile({ name: 't' }, 'a')).toBe(true);
    expect(c.hasColumnFromFile({ name: 'orders' }, 'note')).toBe(true);
    expect(c.hasColumnFromFile({ name: 'orders' }, 'id')).toBe(false);
  });
});

describe('MigrationContext: transactions', () => {
  it('counts BEGIN depth, remembers where it began, and ends on COMMIT / END / ROLLBACK', () => {
    const open = contextAfter('SELECT 1;\nBEGIN;\nSELECT 2;');
    expect(open).toMatchObject({ transactionDepth: 1, inTransaction: true, openTransaction: { line: 2, column: 1 } });
    expect(contextAfter('BEGIN;\nBEGIN;').transactionDepth).toBe(2);
    for (const end of ['COMMIT', 'END', 'ROLLBACK', 'ABORT']) {
      expect(contextAfter(`START TRANSACTION;\nBEGIN;\n${end};`)).toMatchObject({ transactionDepth: 0, inTransaction: false, openTransaction: undefined });
    }
    expect(contextAfter('BEGIN;\nCOMMIT AND CHAIN;').transactionDepth).toBe(1);
  });

  it('treats the whole file as one transaction with assume-transaction', () => {
    const c = contextAfter('SELECT 1;', { assumeTransaction: true });
    expect(c).toMatchObject({ inTransaction: true, transactionDepth: 0, assumeTransaction: true });
  });

  it('holds ACCESS EXCLUSIVE locks of existing tables until the transaction ends', () => {
    const held = contextAfter('BEGIN;\nALTER TABLE orders ADD COLUMN a int;\nCREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int;');
    expect([...held.accessExclusiveInTransaction]).toEqual(['orders']);
    expect(contextAfter('BEGIN;\nALTER TABLE orders ADD COLUMN a int;\nCOMMIT;').accessExclusiveInTransaction.size).toBe(0);
    expect(contextAfter('ALTER TABLE orders ADD COLUMN a int;').accessExclusiveInTransaction.size).toBe(0);
    expect(contextAfter('BEGIN;\nCREATE INDEX CONCURRENTLY i ON orders (a);').accessExclusiveInTransaction.size).toBe(0);
  });

  it('runs the statements of one DO block as one transaction', () => {
    const sql = 'DO $$ BEGIN ALTER TABLE orders ADD COLUMN a int; UPDATE orders SET a = 1; END $$;';
    const statements = parseMigration(sql, 'm.sql').statements;
    const c = new MigrationState({ pgVersion: 15, path: 'm.sql' });
    c.enter(statements[0]!);
    c.apply(statements[0]!, relationLocks(statements[0]!));
    c.enter(statements[1]!);
    expect(c).toMatchObject({ inTransaction: true, inDoBlock: true });
    expect([...c.accessExclusiveInTransaction]).toEqual(['orders']);
    c.apply(statements[1]!);
    c.finish();
    expect(c).toMatchObject({ inTransaction: false, inDoBlock: false });
    expect(c.accessExclusiveInTransaction.size).toBe(0);
  });

  it('remembers NOT VALID constraints of the current transaction by name and kind', () => {
    const c = contextAfter(`BEGIN;
ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE orders ADD CHECK (total >= 0) NOT VALID;`);
    expect(c.notValidConstraintsInTransaction.get('fk')).toEqual({ table: { name: 'orders' }, type: 'foreign key' });
    expect(c.notValidConstraintsInTransaction.get('orders_check')?.type).toBe('check');
  });

  it('remembers enum values added in the current transaction', () => {
    const c = contextAfter("BEGIN;\nALTER TYPE app.status ADD VALUE 'archived';");
    expect([...(c.enumValuesAddedInTransaction.get('status') ?? [])]).toEqual(['archived']);
  });
});

describe('MigrationContext: lock_timeout and statement_timeout', () => {
  it.each([
    ["SET lock_timeout = '5s'", 5000],
    ['SET lock_timeout = 250', 250],
    ["SET lock_timeout TO '1.5min'", 90_000],
    ["SET lock_timeout = '2h'", 7_200_000],
    ["SET lock_timeout = '1d'", 86_400_000],
    ["SET lock_timeout = '100ms'", 100],
    ["SELECT set_config('lock_timeout', '3s', false)", 3000],
    ["SELECT pg_catalog.set_config('lock_timeout', '4s', false), 1", 4000],
  ])('%s → %d ms', (sql, ms) => {
    expect(contextAfter(`${sql};`).lockTimeoutMs).toBe(ms);
  });

  it('treats 0, RESET, RESET ALL and DEFAULT as no timeout', () => {
    expect(contextAfter('SET lock_timeout = 0;').lockTimeoutMs).toBeUndefined();
    expect(contextAfter("SET lock_timeout = '5s';\nRESET lock_timeout;").lockTimeoutMs).toBeUndefined();
    expect(contextAfter("SET lock_timeout = '5s';\nRESET ALL;").lockTimeoutMs).toBeUndefined();
    expect(contextAfter("SET lock_timeout = '5s';\nSET lock_timeout TO DEFAULT;").lockTimeoutMs).toBeUndefined();
  });

  it('ends SET LOCAL and set_config(…, true) with the transaction; SET LOCAL outside one does nothing', () => {
    expect(contextAfter("BEGIN;\nSET LOCAL lock_timeout = '5s';").lockTimeoutMs).toBe(5000);
    expect(contextAfter("BEGIN;\nSET LOCAL lock_timeout = '5s';\nCOMMIT;").lockTimeoutMs).toBeUndefined();
    expect(contextAfter("BEGIN;\nSELECT set_config('lock_timeout', '5s', true);\nCOMMIT;").lockTimeoutMs).toBeUndefined();
    expect(contextAfter("SET LOCAL lock_timeout = '5s';").lockTimeoutMs).toBeUndefined();
    expect(contextAfter("SET lock_timeout = '9s';\nBEGIN;\nSET LOCAL lock_timeout = '1s';\nCOMMIT;").lockTimeoutMs).toBe(9000);
  });

  it('undoes a session SET made inside a transaction that rolls back', () => {
    expect(contextAfter("BEGIN;\nSET lock_timeout = '5s';\nROLLBACK;").lockTimeoutMs).toBeUndefined();
    expect(contextAfter("BEGIN;\nSET lock_timeout = '5s';\nCOMMIT;").lockTimeoutMs).toBe(5000);
  });

  it('tracks statement_timeout separately', () => {
    const c = contextAfter("SET statement_timeout = '30s';");
    expect(c.statementTimeoutMs).toBe(30_000);
    expect(c.lockTimeoutMs).toBeUndefined();
  });
});

describe('MigrationContext: validated NOT NULL checks', () => {
  it('counts a CHECK (col IS NOT NULL) once validated, or when added validated', () => {
    const pending = contextAfter('ALTER TABLE users ADD CONSTRAINT nn CHECK (email IS NOT NULL) NOT VALID;');
    expect(pending.hasValidatedNotNullCheck({ name: 'users' }, 'email')).toBe(false);
    const validated = contextAfter(
      'ALTER TABLE users ADD CONSTRAINT nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT nn;',
    );
    expect(validated.hasValidatedNotNullCheck({ name: 'users' }, 'email')).toBe(true);
    const direct = contextAfter('ALTER TABLE users ADD CHECK (email IS NOT NULL AND name IS NOT NULL);');
    expect(direct.hasValidatedNotNullCheck({ name: 'users' }, 'name')).toBe(true);
    expect(direct.hasValidatedNotNullCheck({ name: 'users' }, 'phone')).toBe(false);
  });
});

describe('MigrationContext: ROLLBACK TO SAVEPOINT', () => {
  it('undoes what ran since the savepoint: tables created, settings, locks held', () => {
    const c = contextAfter(`BEGIN;
SET LOCAL lock_timeout = '1s';
CREATE TABLE kept (id int);
SAVEPOINT attempt;
SET LOCAL lock_timeout = '0';
CREATE TABLE undone (id int);
ALTER TABLE orders ALTER COLUMN total TYPE bigint;
ROLLBACK TO SAVEPOINT attempt;`);
    expect(c.isNewRelation({ name: 'kept' })).toBe(true);
    expect(c.isNewRelation({ name: 'undone' })).toBe(false);
    expect(c.lockTimeoutMs).toBe(1000);
    expect(c.accessExclusiveInTransaction.size).toBe(0);
    expect(c.inTransaction).toBe(true);
  });

  it('keeps the savepoint: a second ROLLBACK TO returns to the same state, RELEASE forgets it', () => {
    const c = contextAfter(`BEGIN;
SAVEPOINT s;
CREATE TABLE first_try (id int);
ROLLBACK TO s;
CREATE TABLE second_try (id int);
ROLLBACK TO SAVEPOINT s;
RELEASE SAVEPOINT s;
ROLLBACK TO s;`);
    expect(c.isNewRelation({ name: 'first_try' })).toBe(false);
    expect(c.isNewRelation({ name: 'second_try' })).toBe(false);
  });

  it('undoes column types declared since the savepoint', () => {
    const c = contextAfter(`BEGIN;
ALTER TABLE orders ADD COLUMN total integer;
SAVEPOINT s;
ALTER TABLE orders ALTER COLUMN total TYPE numeric;
ROLLBACK TO s;`);
    expect(c.columnType({ name: 'orders' }, 'total')?.name).toBe('int4');
  });
});
