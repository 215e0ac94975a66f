/**
 * The streamed reports (written while the files are linted, keeping no finding) are the documents
 * the whole-report renderers print, and a file with more findings than one batch reaches the reader
 * in bounded batches without losing or duplicating any.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintFiles, lintSource, loadParser, SINK_BATCH_FINDINGS } from '../../../core/migrations/lint.ts';
import { lintFilesStreaming } from '../../../core/migrations/lint-files.ts';
import { ruleInfos } from '../../../core/migrations/rules/index.ts';
import type { Finding } from '../../../core/migrations/types.ts';
import { countFindings } from '../../../core/report/migrations-counts.ts';
import { renderMigrationsJson } from '../../../core/report/migrations-json.ts';
import { migrationsToSarif } from '../../../core/report/migrations-sarif.ts';
import { JsonStreamReport, SarifStreamReport, type StreamingReport, TextStreamReport } from '../../../core/report/migrations-stream.ts';
import { renderMigrationsText } from '../../../core/report/migrations-text.ts';
import { renderSarif } from '../../../core/report/sarif.ts';

let dir: string;
let files: string[];

beforeAll(async () => {
  await loadParser();
  dir = mkdtempSync(join(tmpdir(), 'faultline-stream-'));
  const write = (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  files = [
    write('V1__clean.sql', 'CREATE TABLE a (id bigint PRIMARY KEY);\n'),
    write('V2__clean.sql', "SET lock_timeout = '2s';\nCREATE TABLE b (id bigint);\n"),
    write(
      'V3__hazards.sql',
      [
        'CREATE INDEX orders_a ON orders (a);',
        '-- faultline-ignore: set-not-null -- the table is empty in every environment',
        'ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
        '-- faultline-ignore: non-concurrent-index',
        'ALTER TABLE accounts ALTER COLUMN note TYPE text USING note::text;',
        'BEGIN;',
      ].join('\n'),
    ),
    write('V4__binary.sql', Buffer.from([0x43, 0x00, 0x41])),
    write('V5__clean.sql', 'CREATE TABLE c (id bigint);\n'),
  ];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function streamed(make: (write: (chunk: string) => void) => StreamingReport): Promise<{ text: string; report: StreamingReport }> {
  const chunks: string[] = [];
  const report = make((chunk) => chunks.push(chunk));
  await lintFilesStreaming(files, {}, report);
  report.finish();
  return { text: chunks.join(''), report };
}

describe('streamed migration reports', () => {
  it('write the same JSON document as the whole-report renderer, and count the same findings', async () => {
    const whole = await lintFiles(files);
    const { text, report } = await streamed((write) => new JsonStreamReport(write));
    expect(text).toBe(renderMigrationsJson(whole));
    expect(report.counts).toEqual(countFindings(whole));
    expect(report.counts.errors).toBeGreaterThan(0);
  });

  it('write the same SARIF log as the whole-report renderer', async () => {
    const whole = await lintFiles(files);
    const { text } = await streamed((write) => new SarifStreamReport(write, ruleInfos, files));
    expect(text).toBe(renderSarif(migrationsToSarif(whole, ruleInfos)));
  });

  it('write the same terminal report as the whole-report renderer, clean runs kept together', async () => {
    const whole = await lintFiles(files);
    for (const colour of [false, true]) {
      const { text } = await streamed((write) => new TextStreamReport(write, colour));
      expect(text).toBe(renderMigrationsText(whole, { colour }));
    }
  });

  it('write valid, empty documents when there is no file', async () => {
    const json: string[] = [];
    const empty = new JsonStreamReport((chunk) => json.push(chunk));
    empty.finish();
    expect(json.join('')).toBe(renderMigrationsJson({ version: 1, files: [] }));
    const sarif: string[] = [];
    const none = new SarifStreamReport((chunk) => sarif.push(chunk), ruleInfos, []);
    none.finish();
    expect(sarif.join('')).toBe(renderSarif(migrationsToSarif({ version: 1, files: [] }, ruleInfos)));
  });
});

describe('lintSource with a sink', () => {
  const statements = Math.ceil(SINK_BATCH_FINDINGS * 1.6);
  const sql = Array.from({ length: statements }, (_, i) =>
    i === 5 ? '-- faultline-ignore: non-concurrent-index -- built before the table gets traffic\nCREATE INDEX i5 ON orders (c5);' : `CREATE INDEX i${i} ON orders (c${i});`,
  ).join('\n');

  it('hands a large file its findings in bounded batches, each in reading order, none lost or repeated', () => {
    const options = { rules: { 'missing-lock-timeout': 'off' as const } };
    const whole = lintSource(sql, 'big.sql', options);
    const batches: Finding[][] = [];
    const report = lintSource(sql, 'big.sql', options, undefined, (batch) => batches.push(batch));

    expect(report.findings).toEqual([]);
    expect(report.statements).toBe(whole.statements);
    expect(batches.length).toBeGreaterThan(1);
    // A batch is handed over once SINK_BATCH_FINDINGS are pending, after the chunk that reached it.
    for (const batch of batches) expect(batch.length).toBeLessThan(SINK_BATCH_FINDINGS * 2);
    for (const batch of batches) expect(batch.map((f) => f.line)).toEqual([...batch.map((f) => f.line)].sort((a, b) => a - b));
    expect(batches.flat()).toEqual(whole.findings);
    // The suppressed statement stays suppressed across batches.
    expect(whole.findings.some((f) => f.line === 7)).toBe(false);
    expect(whole.findings).toHaveLength(statements - 1);
  });

  it('hands a small file its findings in one batch, exactly the report without a sink', () => {
    const small = 'CREATE INDEX a ON t (a);\nALTER TABLE t ALTER COLUMN b SET NOT NULL;';
    const batches: Finding[][] = [];
    lintSource(small, 's.sql', {}, undefined, (batch) => batches.push(batch));
    expect(batches).toEqual([lintSource(small, 's.sql').findings]);
  });
});
