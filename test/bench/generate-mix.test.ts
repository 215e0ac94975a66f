/**
 * The broad benchmark mix is only broad if it keeps up with the rules: every statement kind, ALTER
 * TABLE subcommand and object type the rules (and the lock knowledge they use) name must occur in it,
 * and PostgreSQL's own parser must read all of it, statement for statement.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModule, parseSync } from 'libpg-query';
import { generateMix } from '../../bench/generate-mix.ts';

const core = new URL('../../core/migrations/', import.meta.url).pathname;
const ruleSources = [
  ...readdirSync(join(core, 'rules')).map((file) => join(core, 'rules', file)),
  // What the locking rules and the transaction rules look up.
  ...['locks.ts', 'alter-table-locks.ts', 'context.ts', 'statements.ts'].map((file) => join(core, file)),
];

/** Node kinds (`…Stmt`), ALTER TABLE subcommands (`AT_…`) and object types (`OBJECT_…`) the rules name. */
function kindsTheRulesKnow(): Set<string> {
  const kinds = new Set<string>();
  for (const file of ruleSources) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\b(?:[A-Z][A-Za-z]*Stmt|AT_[A-Za-z]+|OBJECT_[A-Z_]+)\b/g)) kinds.add(match[0]);
  }
  // RawStmt wraps every statement; OBJECT_IN_USE is an SQLSTATE name, not an object type.
  kinds.delete('RawStmt');
  kinds.delete('OBJECT_IN_USE');
  return kinds;
}

function kindsIn(tree: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(tree)) for (const item of tree) kindsIn(item, into);
  else if (tree && typeof tree === 'object') {
    for (const [key, value] of Object.entries(tree)) {
      if (key.endsWith('Stmt')) into.add(key);
      kindsIn(value, into);
    }
  } else if (typeof tree === 'string' && /^(AT_|OBJECT_)/.test(tree)) into.add(tree);
  return into;
}

describe('the broad generated migration mix', () => {
  const mix = generateMix(20_000);
  let tree: { stmts: unknown[] };

  beforeAll(async () => {
    await loadModule();
    tree = parseSync(mix.sql) as { stmts: unknown[] };
  });

  it('is valid PostgreSQL of exactly the statements it says it has', () => {
    expect(mix.statements).toBe(20_000);
    expect(tree.stmts).toHaveLength(20_000);
  });

  it('holds every statement kind, ALTER TABLE subcommand and object type the rules know', () => {
    const known = kindsTheRulesKnow();
    expect(known.size).toBeGreaterThan(40);
    const present = kindsIn(tree);
    expect([...known].filter((kind) => !present.has(kind)).sort()).toEqual([]);
  });

  it('is the same file every time, and another seed gives another file', () => {
    expect(generateMix(20_000).sql).toBe(mix.sql);
    expect(generateMix(20_000, 7).sql).not.toBe(mix.sql);
  });

  it('holds the shapes the rules find hard: nested DO, EXECUTE format(), loops over literal arrays, quoted names', () => {
    expect(mix.sql).toMatch(/DO \$outer\$\nBEGIN\n {2}DO \$inner\$/);
    expect(mix.sql).toMatch(/EXECUTE format\('ALTER TABLE %I/);
    expect(mix.sql).toMatch(/FOREACH t IN ARRAY ARRAY\[/);
    expect(mix.sql).toMatch(/EXECUTE 'ALTER TABLE part_' \|\| i \|\|/);
    expect(mix.sql).toMatch(/CREATE TABLE "Mixed Case Table \d+"/);
    expect(mix.sql).toMatch(/LANGUAGE plpgsql/);
    expect(mix.sql).toMatch(/LANGUAGE sql/);
  });
});
