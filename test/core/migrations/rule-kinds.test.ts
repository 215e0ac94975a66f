import { readdirSync, readFileSync } from 'node:fs';
import { generateMigration } from '../../../bench/generate-migration.ts';
import { type LintOptions, lintSource, loadParser } from '../../../core/migrations/lint.ts';
import { parseMigration } from '../../../core/migrations/parse.ts';
import { allRules } from '../../../core/migrations/rules/index.ts';

await loadParser();

/** At least one statement of every kind a rule declares, most of them hazards. */
const everyKind = `
CREATE TABLE fresh (id int, code char(3), body json, at timestamp, name varchar(40), n serial);
ALTER TABLE orders ADD COLUMN total numeric DEFAULT random(), ADD COLUMN note text NOT NULL, ALTER COLUMN id TYPE bigint;
ALTER TABLE orders ADD CONSTRAINT c CHECK (total > 0), ADD CONSTRAINT f FOREIGN KEY (cid) REFERENCES customers (id);
ALTER TABLE orders ADD CONSTRAINT u UNIQUE (code), ADD PRIMARY KEY (id), ADD CONSTRAINT x EXCLUDE USING gist (r WITH &&);
ALTER TABLE orders ALTER COLUMN note SET NOT NULL, ALTER COLUMN code DROP NOT NULL, DROP COLUMN legacy, SET LOGGED, SET TABLESPACE fast;
ALTER TABLE events DETACH PARTITION events_2020;
ALTER TABLE events DETACH PARTITION events_2021 CONCURRENTLY;
ALTER TABLE orders ADD COLUMN id2 bigserial, ADD COLUMN g int GENERATED ALWAYS AS (id * 2) STORED, ADD COLUMN ids bigint[];
ALTER TABLE orders VALIDATE CONSTRAINT c;
ALTER DOMAIN positive ADD CONSTRAINT p CHECK (VALUE > 0);
CLUSTER orders USING orders_pkey;
CREATE INDEX orders_code ON orders (code);
CREATE INDEX CONCURRENTLY orders_note ON orders (note);
DROP INDEX orders_code;
DROP INDEX CONCURRENTLY orders_note;
DROP TABLE customers;
DROP SCHEMA archive CASCADE;
DROP DATABASE legacy;
REINDEX TABLE orders;
REINDEX INDEX CONCURRENTLY orders_pkey;
REFRESH MATERIALIZED VIEW totals;
ALTER TABLE orders RENAME COLUMN note TO remark;
ALTER TABLE orders RENAME TO purchases;
ALTER SCHEMA app RENAME TO application;
ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';
ALTER TYPE mood ADD VALUE 'calm';
UPDATE orders SET status = 'calm';
TRUNCATE orders;
TRUNCATE customers CASCADE;
VACUUM FULL orders;
BEGIN;
ALTER TABLE orders ADD CONSTRAINT v CHECK (total > 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT v;
ALTER TABLE orders ALTER COLUMN total TYPE numeric(20, 2);
UPDATE orders SET total = 0;
DELETE FROM orders;
ALTER TYPE mood ADD VALUE 'glad';
SELECT 'glad'::mood;
REINDEX INDEX CONCURRENTLY orders_pkey;
BEGIN;
COMMIT;
CREATE INDEX ${'a_very_long_index_name_that_postgres_will_truncate_without_telling_anyone'} ON orders (id);
CREATE VIEW dup AS SELECT a, a FROM orders;
CREATE TABLE dup2 AS SELECT 1, 2;
CREATE FOREIGN TABLE remote_orders (id serial[], id int) SERVER remote;
UPDATE orders SET a = 1, a = 2;
ALTER DOMAIN positive SET NOT NULL;
DO $$ BEGIN EXECUTE some_text; END $$;
DO LANGUAGE plperl $$ 1; $$;
CREATE TABLE broken (id int;
SET lock_timeout = '1s';
CREATE INDEX late ON orders (id);
`;

const examples = readdirSync('examples/migrations')
  .filter((name) => name.endsWith('.sql'))
  .map((name) => readFileSync(`examples/migrations/${name}`, 'utf8'));

const corpus = [everyKind, ...examples, generateMigration(2_000).sql];

function lintWithEveryRuleOnEveryStatement(text: string, options: LintOptions) {
  const declared = allRules.map((rule) => rule.kinds);
  try {
    for (const rule of allRules) delete rule.kinds;
    return lintSource(text, 'm.sql', options);
  } finally {
    allRules.forEach((rule, i) => {
      if (declared[i]) rule.kinds = declared[i];
    });
  }
}

describe('the statement kinds each rule declares', () => {
  it('lose nothing: calling every rule on every statement finds exactly what dispatching by kind finds', () => {
    for (const text of corpus) {
      for (const options of [{}, { pgVersion: 11 }, { assumeTransaction: true }] satisfies LintOptions[]) {
        const everyStatement = lintWithEveryRuleOnEveryStatement(text, options).findings;
        expect(lintSource(text, 'm.sql', options).findings).toEqual(everyStatement);
      }
    }
  });

  it('are kinds the parser produces (a misspelt kind would silently switch a rule off)', () => {
    const produced = new Set(parseMigration(everyKind, 'm.sql').statements.map((s) => s.kind));
    const declared = new Set(allRules.flatMap((rule) => rule.kinds ?? []));
    expect([...declared].filter((kind) => !produced.has(kind))).toEqual([]);
  });

  it('make the corpus above exercise the rules it is meant to', () => {
    const fired = new Set(lintSource(everyKind, 'm.sql').findings.map((f) => f.rule));
    expect(fired.size).toBeGreaterThan(40);
  });
});
