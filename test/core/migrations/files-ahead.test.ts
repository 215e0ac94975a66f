import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMigration } from '../../../bench/generate-migration.ts';
import { FilesAhead } from '../../../core/migrations/files-ahead.ts';
import { type LintVisitor, lintFiles, lintFilesStreaming } from '../../../core/migrations/lint-files.ts';
import { parseAheadThread, useParseAheadThread } from '../../../core/migrations/parse-ahead.ts';
import type { FileReport, Finding } from '../../../core/migrations/types.ts';

const helperModule = new URL('../../../core/migrations/parse-helper.ts', import.meta.url);

/** A folder of small migrations (the usual layout), with the odd ones a real history has. */
function history(dir: string): string[] {
  const { sql } = generateMigration(3_000, 400);
  const groups = sql.split(/\n(?=\n-- app_table_)/);
  const paths = groups.map((group, i) => {
    const path = join(dir, `V${i + 1}__change.sql`);
    writeFileSync(path, `${group.trim()}\n`);
    return path;
  });
  writeFileSync(paths[40]!, 'CREATE TABLEE broken (id bigint);\nCREATE INDEX CONCURRENTLY b ON broken (id);\n');
  writeFileSync(paths[41]!, Buffer.from([0x53, 0x45, 0x4c, 0xff, 0xfe, 0x3b]));
  writeFileSync(paths[42]!, "DO $$DECLARE r record; BEGIN FOR r IN SELECT tablename FROM pg_tables LOOP EXECUTE format('ALTER TABLE %I ALTER COLUMN c SET NOT NULL', r.tablename); END LOOP; END$$;\n");
  // Large enough to be parsed ahead on its own, between the small ones.
  writeFileSync(paths[100]!, generateMigration(2_500).sql);
  return paths;
}

/** Everything a streaming run reports, file by file. */
async function streamed(paths: string[]): Promise<FileReport[]> {
  const files: FileReport[] = [];
  let findings: Finding[] = [];
  const visitor: LintVisitor = {
    beginFile: () => {
      findings = [];
    },
    findings: (batch) => findings.push(...batch),
    endFile: (file) => files.push({ ...file, findings }),
  };
  await lintFilesStreaming(paths, {}, visitor);
  return files;
}

describe('linting a folder of small migrations with the parse-ahead thread', () => {
  let dir: string;
  let paths: string[];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-files-ahead-'));
    paths = history(dir);
  });
  afterAll(() => {
    useParseAheadThread(undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports exactly what a single thread reports, file by file and finding by finding', async () => {
    useParseAheadThread(undefined);
    const alone = await lintFiles(paths);
    useParseAheadThread(helperModule);
    expect(await parseAheadThread()!.ready()).toBe(true);
    const together = await lintFiles(paths);
    expect(together.files.map((f) => f.path)).toEqual(paths);
    expect(together).toEqual(alone);
    // The odd files keep their own verdicts.
    expect(together.files[40]!.findings.map((f) => f.rule)).toContain('syntax-error');
    expect(together.files[41]!.findings.map((f) => f.rule)).toEqual(['not-utf8']);
    expect(together.files[42]!.findings.map((f) => f.rule)).toContain('dynamic-sql');
    expect(together.files[100]!.statements).toBeGreaterThan(2_000);
    expect(await streamed(paths)).toEqual(alone.files);
  });

  it('hands over the files before one that cannot be read, then fails naming it', () => {
    useParseAheadThread(helperModule);
    const missing = join(dir, 'V61__gone.sql');
    const ahead = new FilesAhead([...paths.slice(0, 60), missing, ...paths.slice(60)], {});
    const seen: string[] = [];
    try {
      expect(() => {
        for (let file = ahead.take(); file; file = ahead.take()) seen.push(file.path);
      }).toThrow(expect.objectContaining({ file: missing, message: expect.stringContaining('cannot read the file (ENOENT)') }));
    } finally {
      ahead.close();
    }
    expect(seen).toEqual(paths.slice(0, 60));
  });
});
