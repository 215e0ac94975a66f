/**
 * A schema dump tells the gate the old column types of tables the linted migrations did not create:
 * `migrations.schema-dump` in the config, read by lintFiles before the first file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintFiles, loadParser } from '../../../core/migrations/lint.ts';
import { columnTypesFromDumpText } from '../../../core/migrations/schema-dump.ts';

await loadParser();

// What pg_dump --schema-only writes: qualified names, an empty search_path, constraints added later.
const DUMP = `
SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
CREATE TABLE public.users (
    id bigint NOT NULL,
    email character varying(100),
    age integer
);
ALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
ALTER TABLE public.users ADD COLUMN bio character varying(20);
`;

describe('schema dump', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-dump-'));
    writeFileSync(join(dir, 'schema.sql'), DUMP);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('yields the declared column types, found again by an unqualified name', () => {
    const types = columnTypesFromDumpText(DUMP, 'schema.sql');
    expect(types.get({ name: 'users' }, 'email')?.sql).toBe('varchar(100)');
    expect(types.get({ schema: 'public', name: 'users' }, 'bio')?.sql).toBe('varchar(20)');
  });

  it('turns an "old type unknown" into an exact judgement', async () => {
    const migration = join(dir, 'V2__widen.sql');
    writeFileSync(migration, 'ALTER TABLE users ALTER COLUMN email TYPE text;\nALTER TABLE users ALTER COLUMN age TYPE text;\n');
    const rules = (report: Awaited<ReturnType<typeof lintFiles>>) =>
      report.files[0]!.findings.filter((f) => f.rule === 'change-column-type').map((f) => [f.line, f.message.includes('old type unknown')]);
    expect(rules(await lintFiles([migration]))).toEqual([
      [1, true],
      [2, true],
    ]);
    // varchar(100) → text keeps the rows; integer → text converts every one.
    expect(rules(await lintFiles([migration], { schemaDump: join(dir, 'schema.sql') }))).toEqual([[2, false]]);
  });

  it('is an input error naming the file when the dump cannot be read', async () => {
    await expect(lintFiles([join(dir, 'schema.sql')], { schemaDump: join(dir, 'missing.sql') })).rejects.toMatchObject({
      file: join(dir, 'missing.sql'),
    });
  });
});
