/**
 * A realistic, deterministic migration file of N statements: what a long-lived schema's squashed
 * history looks like. Tables are created, then indexed (sometimes concurrently, sometimes not),
 * widened, constrained, backfilled in batches and partly renamed; with transactions, lock_timeout
 * settings, functions whose bodies must not be analysed, DO blocks that must be, and comments.
 */

/** Small seeded PRNG (mulberry32) so every run lints the same file. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedMigration {
  sql: string;
  /** Top-level statements in the file (a DO block or a function counts as one). */
  statements: number;
}

export function generateMigration(statements: number, seed = 20_000): GeneratedMigration {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const out: string[] = [];
  const tables: string[] = [];
  let count = 0;
  let t = 0;
  const emit = (sql: string) => {
    out.push(sql);
    count++;
  };
  // Half the changes touch production tables from earlier migrations (not created in this file),
  // where the rules have something to say; the rest touch tables this file created.
  const production = ['accounts', 'users', 'orders', 'payments', 'events', 'sessions'];
  const existing = () => (tables.length === 0 || rand() < 0.5 ? pick(production) : pick(tables));

  emit("SET statement_timeout = '15min';");
  // A group emits at most 9 statements; the last few are single statements so the count is exact.
  while (statements - count >= 10) {
    const table = `app_table_${t++}`;
    out.push(`\n-- ${table}: ${pick(['orders ledger', 'user sessions', 'audit trail', 'billing events', 'inventory'])}`);
    emit("SET lock_timeout = '2s';");
    emit(
      `CREATE TABLE ${table} (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  account_id bigint NOT NULL,\n  name text NOT NULL,\n  amount numeric(12, 2),\n  payload jsonb NOT NULL DEFAULT '{}',\n  created_at timestamptz NOT NULL DEFAULT now()\n);`,
    );
    emit(`CREATE INDEX ${table}_account_idx ON ${table} (account_id, created_at DESC);`);
    emit(`COMMENT ON TABLE ${table} IS 'Generated for the benchmark; owner: team-${t % 7}';`);
    const other = existing();
    tables.push(table);
    switch (Math.floor(rand() * 10)) {
      case 0:
        emit(`CREATE INDEX CONCURRENTLY ${other}_name_${t}_idx ON ${other} (lower(name));`);
        break;
      case 1:
        emit(`CREATE INDEX ${other}_amount_${t}_idx ON ${other} (amount) WHERE amount > 0;`);
        break;
      case 2:
        emit('BEGIN;');
        emit(`ALTER TABLE ${other} ADD COLUMN status_${t} text NOT NULL DEFAULT 'active';`);
        emit(`UPDATE ${other} SET status_${t} = 'archived' WHERE created_at < now() - interval '2 years' AND id BETWEEN ${t * 1000} AND ${t * 1000 + 999};`);
        emit('COMMIT;');
        break;
      case 3:
        emit(`ALTER TABLE ${other} ADD CONSTRAINT ${other}_account_${t}_fk FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID;`);
        emit(`ALTER TABLE ${other} VALIDATE CONSTRAINT ${other}_account_${t}_fk;`);
        break;
      case 4:
        emit(`ALTER TABLE ${other} ALTER COLUMN amount TYPE numeric(14, 2);`);
        break;
      case 5:
        emit(
          `CREATE OR REPLACE FUNCTION ${table}_touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.created_at := now();\n  UPDATE ${other} SET amount = 0 WHERE id = NEW.id;\n  RETURN NEW;\nEND;\n$$;`,
        );
        break;
      case 6:
        emit(`DO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = '${table}_name_idx') THEN\n    EXECUTE 'CREATE INDEX ${table}_name_idx ON ${table} (name)';\n  END IF;\nEND\n$$;`);
        break;
      case 7:
        emit(`ALTER TABLE ${other} ALTER COLUMN amount SET NOT NULL;`);
        break;
      case 8:
        emit(`ALTER TABLE ${other} ALTER COLUMN account_id TYPE numeric(20, 0) USING account_id::numeric;`);
        break;
      default:
        emit(`INSERT INTO ${table} (account_id, name, amount) VALUES (1, 'seed a', 10.50), (2, 'seed b', 0), (3, 'seed c', 99.99);`);
    }
  }
  while (count < statements) emit(`COMMENT ON TABLE ${existing()} IS 'reviewed ${count}';`);
  return { sql: `${out.join('\n')}\n`, statements: count };
}
