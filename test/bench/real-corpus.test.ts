/**
 * The linter on a whole history at once, as a repository's CI runs it: the real-world corpus
 * (bench/corpus/SOURCES.md, 1,800+ files of 11 public projects) where it was fetched, else the broad
 * generated mix cut into one file per migration. One CLI invocation must finish with a verdict
 * (exit 0 or 1) and one valid JSON report naming every file, fail on no rule (internal-error), refuse
 * no file, and place every finding inside its file. PostgreSQL runs all of these files, so a syntax
 * error reported in one is a parser regression: the list of files with one must stay as it is (none).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { findCorpusFiles, writeGeneratedHistory } from '../support/migration-corpus.ts';

/** Corpus files the linter reports a syntax error in (paths relative to the repository root). */
const EXPECTED_SYNTAX_ERRORS: string[] = [];

/** Findings that mean the linter did not check a file, or failed on a statement. */
const ENGINE_FAILURES = ['internal-error', 'not-utf8', 'file-too-large', 'too-many-statements'];

interface Finding {
  rule: string;
  line: number;
  column: number;
  message: string;
}

interface Report {
  files: { path: string; findings: Finding[] }[];
  totals: { files: number; statements: number };
}

const root = new URL('../../', import.meta.url).pathname;

const real = findCorpusFiles();
const generatedDir = mkdtempSync(join(tmpdir(), 'faultline-history-'));
const files = real.length > 0 ? real : writeGeneratedHistory(generatedDir, 12_000);
afterAll(() => rmSync(generatedDir, { recursive: true, force: true }));

describe(`faultline migrations lint on ${real.length > 0 ? 'the real-world corpus' : 'the broad generated history (the real corpus is not fetched here)'}`, () => {
  const corpus = files.map((path) => relative(root, path));
  let code: number | null;
  let stderr: string;
  let report: Report;

  beforeAll(() => {
    const run = spawnSync(join(root, 'bin/faultline'), ['migrations', 'lint', '--format', 'json', ...corpus], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: 150_000,
    });
    code = run.status;
    stderr = run.stderr;
    report = JSON.parse(run.stdout) as Report;
  }, 180_000);

  it('is a history of well over a thousand files', () => {
    expect(corpus.length).toBeGreaterThan(1_000);
  });

  it('ends with a verdict and one report that names every file once', () => {
    if (code !== 0 && code !== 1) throw new Error(`faultline exited ${code}:\n${stderr}`);
    expect(report.files.map((file) => file.path).sort()).toEqual([...corpus].sort());
    expect(report.totals.files).toBe(corpus.length);
    expect(report.totals.statements).toBeGreaterThan(5_000);
  });

  it('neither fails on a statement nor refuses a file', () => {
    const failures = report.files.flatMap((file) =>
      file.findings.filter((finding) => ENGINE_FAILURES.includes(finding.rule)).map((finding) => `${file.path}:${finding.line} ${finding.rule}: ${finding.message}`),
    );
    expect(failures).toEqual([]);
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  });

  it('reports a syntax error in exactly the files expected', () => {
    const withSyntaxError = report.files.filter((file) => file.findings.some((finding) => finding.rule === 'syntax-error')).map((file) => file.path);
    expect(withSyntaxError.sort()).toEqual([...EXPECTED_SYNTAX_ERRORS].sort());
  });

  it('places every finding on a line and column of its file', () => {
    const misplaced: string[] = [];
    for (const file of report.files) {
      const lines = readFileSync(join(root, file.path), 'utf8').split('\n');
      for (const finding of file.findings) {
        const line = lines[finding.line - 1];
        if (line === undefined || finding.column < 1 || finding.column > line.length + 1) {
          misplaced.push(`${file.path}:${finding.line}:${finding.column} ${finding.rule}`);
        }
      }
    }
    expect(misplaced).toEqual([]);
  });
});
