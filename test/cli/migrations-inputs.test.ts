/**
 * Hostile inputs end with a report, not a crash: a 50 MB single-line literal, a 50 MB line of
 * repeated statements, a 20 MB file of 500k statements, binary, NUL and invalid UTF-8 files each
 * give exit 1, one valid JSON document, and a finding saying why the file was not checked, within
 * bounded memory (files above the size cap are never read). The caps come from the config.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMeasured } from '../support/peak-rss.ts';
import { withoutProgress } from '../support/progress-lines.ts';

const BIN = new URL('../../bin/faultline', import.meta.url).pathname;
const MiB = 1024 * 1024;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-inputs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  files: { path: string; findings: { rule: string; severity: string; message: string }[] }[];
}

async function lint(files: string[], ...args: string[]): Promise<{ code: number | null; report: Report; peakRssMiB: number; stderr: string }> {
  const run = await runMeasured(BIN, ['migrations', 'lint', '--format', 'json', ...args, ...files], { cwd: dir });
  return { code: run.code, report: JSON.parse(run.stdout) as Report, peakRssMiB: run.peakRssMiB, stderr: withoutProgress(run.stderr) };
}

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('migrations lint on inputs that must not crash or exhaust memory', () => {
  it('refuses files above the size cap without reading them: 50 MB literal, 50 MB line of statements, 500k statements', async () => {
    const literal = write('V1__literal.sql', `INSERT INTO t VALUES ('${'x'.repeat(50 * MiB)}');\n`);
    const repeated = write('V2__repeated.sql', `${'CREATE INDEX i ON t (a);'.repeat(Math.ceil((50 * MiB) / 24))}\n`);
    const many = write('V3__many.sql', 'ALTER TABLE t ADD COLUMN c int;\n'.repeat(500_000).slice(0, 20 * MiB));
    const { code, report, peakRssMiB, stderr } = await lint([literal, repeated, many]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(report.files.map((f) => f.findings.map((x) => x.rule))).toEqual([['file-too-large'], ['file-too-large'], ['file-too-large']]);
    expect(report.files[0]!.findings[0]!.message).toMatch(/more than the limit of 10485760/);
    expect(peakRssMiB).toBeLessThan(300);
  }, 60_000);

  it('reports binary, NUL and invalid UTF-8 files as not-utf8 next to the files it did check', async () => {
    const binary = write('V1__binary.sql', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe]));
    const nul = write('V2__nul.sql', 'SELECT 1;\0\n');
    const latin1 = write('V3__latin1.sql', Buffer.from("SELECT 'caf\xe9';\n", 'latin1'));
    const fine = write('V4__fine.sql', 'CREATE INDEX i ON t (a);\n');
    const { code, report } = await lint([binary, nul, latin1, fine]);
    expect(code).toBe(1);
    expect(report.files.map((f) => f.findings.map((x) => x.rule)).slice(0, 3)).toEqual([['not-utf8'], ['not-utf8'], ['not-utf8']]);
    expect(report.files[3]!.findings.map((x) => x.rule)).toContain('non-concurrent-index');
  });

  it('takes its caps from the config: max-file-size and max-statements', async () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, '.github'), { recursive: true });
    writeFileSync(join(project, '.github', 'faultline.yml'), 'migrations:\n  max-file-size: 100000\n  max-statements: 100\n');
    write('project/V1__big.sql', `-- ${'x'.repeat(100_001)}\n`);
    write('project/V2__many.sql', 'SELECT 1;\n'.repeat(101));
    write('project/V3__ok.sql', 'SELECT 1;\n'.repeat(100));
    const run = await runMeasured(BIN, ['migrations', 'lint', '--format', 'json', 'V1__big.sql', 'V2__many.sql', 'V3__ok.sql'], { cwd: project });
    const report = JSON.parse(run.stdout) as Report;
    expect(run.code).toBe(1);
    expect(report.files.map((f) => f.findings.map((x) => x.rule))).toEqual([['file-too-large'], ['too-many-statements'], []]);
  });
});
