/**
 * `faultline migrations lint` stays under 300 MB of peak memory on the benchmark's 20,000-statement
 * migration, started the way users start it (bin/faultline). The parser's WebAssembly must not be
 * recompiled by V8's optimising tier, which alone needs about 600 MB (see loadParser).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMigration } from '../../bench/generate-migration.ts';
import { runMeasured } from '../support/peak-rss.ts';
import { withoutProgress } from '../support/progress-lines.ts';

const BIN = new URL('../../bin/faultline', import.meta.url).pathname;
const STATEMENTS = 20_000;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-memory-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations lint memory', () => {
  it('lints a 20,000-statement file in under 300 MB peak RSS, reporting every statement', async () => {
    const file = join(dir, 'V1__generated.sql');
    writeFileSync(file, generateMigration(STATEMENTS).sql);

    const run = await runMeasured(BIN, ['migrations', 'lint', '--format', 'json', file]);

    expect(withoutProgress(run.stderr)).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { files: { path: string; findings: { rule: string }[] }[] };
    expect(report.files).toHaveLength(1);
    expect(report.files[0]!.findings.some((f) => f.rule === 'non-concurrent-index')).toBe(true);
    expect(run.peakRssMiB).toBeLessThan(300);
  });
});
