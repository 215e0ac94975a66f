/**
 * Shadow-run cost on a real local PostgreSQL: statements/s with observation (locks, relfilenodes,
 * lock_timeout around every statement) against applying the same files plainly, one autocommit
 * statement at a time as `psql -f` does. The difference is what observation costs; context-only
 * files (a deployed history under a PR's few new migrations) are applied without it.
 */
import { loadModule } from 'libpg-query';
import pg from 'pg';
import { shadowRunAgainst } from '../core/migrations/shadow.ts';
import { startPostgres } from '../cli/demo/support/postgres.ts';
import { shadowFile } from '../test/support/shadow-files.ts';

const TABLES = Number(process.env.SHADOW_BENCH_TABLES ?? 100);

function migrations() {
  const seed = `CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int, created_at timestamptz);
INSERT INTO orders SELECT g, g % 100, now() FROM generate_series(1, 20000) g;`;
  const lines: string[] = [];
  for (let i = 0; i < TABLES; i++) {
    lines.push(`CREATE TABLE t_${i} (id bigint PRIMARY KEY, v text);`);
    lines.push(`ALTER TABLE t_${i} ADD COLUMN c int DEFAULT 0;`);
    lines.push(`CREATE INDEX t_${i}_v_idx ON t_${i} (v);`);
    lines.push(`ALTER TABLE orders ADD COLUMN c_${i} int;`);
  }
  lines.push('CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);');
  lines.push('ALTER TABLE orders ALTER COLUMN customer_id TYPE bigint;');
  return [shadowFile('001_seed.sql', seed), shadowFile('002_bulk.sql', lines.join('\n'))];
}

async function applyPlainly(url: string, files: ReturnType<typeof migrations>): Promise<number> {
  const admin = new pg.Client(url);
  await admin.connect();
  await admin.query('CREATE DATABASE plain_apply TEMPLATE template0');
  const started = performance.now();
  for (const file of files) {
    const session = new pg.Client(url.replace(/\/postgres$/, '/plain_apply'));
    await session.connect();
    for (const statement of file.statements) await session.query(statement.text);
    await session.end();
  }
  const elapsed = performance.now() - started;
  await admin.query('DROP DATABASE plain_apply WITH (FORCE)');
  await admin.end();
  return elapsed;
}

await loadModule();
const server = await startPostgres();
try {
  const files = migrations();
  const statements = files.reduce((sum, file) => sum + file.statements.length, 0);
  const plainMs = await applyPlainly(server.url, files);
  const started = performance.now();
  const report = await shadowRunAgainst(server.url, files);
  const shadowMs = performance.now() - started;
  if (!report.completed) throw new Error('the generated migrations did not apply');
  const rate = (ms: number) => Math.round((statements / ms) * 1000);
  console.log(`PostgreSQL ${server.majorVersion}, ${statements} statements (${TABLES} generated tables)`);
  console.log(`plain apply:  ${plainMs.toFixed(0)} ms  ${rate(plainMs)} statements/s`);
  console.log(`shadow run:   ${shadowMs.toFixed(0)} ms  ${rate(shadowMs)} statements/s (create/drop database included)`);
  console.log(`observation overhead: ${(shadowMs / plainMs).toFixed(2)}x, ${report.findings.length} findings`);

  // A long deployed history under review-sized changes: the history is applied, not observed.
  const history = shadowFile('000_history.sql', files[1]!.statements.map((statement) => `${statement.text};`).join('\n'), {
    contextOnly: true,
  });
  const review = shadowFile('003_review.sql', 'CREATE INDEX orders_created_idx ON orders (created_at);');
  const contextStarted = performance.now();
  await shadowRunAgainst(server.url, [{ ...files[0]!, contextOnly: true }, history, review]);
  const contextMs = performance.now() - contextStarted;
  console.log(`shadow run, ${statements} context statements + 1 reviewed: ${contextMs.toFixed(0)} ms`);
} finally {
  await server.stop();
}
