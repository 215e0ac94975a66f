/**
 * The migration gate action (the BUILT dist/index.js, as the runner starts it: no Node flags can be
 * passed) stays under 300 MB of peak memory on the benchmark's 20,000-statement migration.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMigration } from '../../bench/generate-migration.ts';
import { runMeasured } from '../support/peak-rss.ts';

const DIST = new URL('../../actions/migration-gate/dist/index.js', import.meta.url).pathname;
let workspace: string;

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'faultline-ws-'));
});
afterEach(() => rmSync(workspace, { recursive: true, force: true }));

describe('migration gate action memory', () => {
  it('lints a 20,000-statement file in under 300 MB peak RSS', async () => {
    writeFileSync(join(workspace, 'V1__generated.sql'), generateMigration(20_000).sql);
    const outputFile = join(workspace, 'github-output');
    writeFileSync(outputFile, '');

    const run = await runMeasured(process.execPath, [DIST], {
      cwd: workspace,
      env: {
        PATH: process.env.PATH,
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: outputFile,
        GITHUB_EVENT_NAME: 'push',
        GITHUB_REPOSITORY: 'acme/shop',
        INPUT_PATHS: 'V1__generated.sql',
        'INPUT_CHANGED-ONLY': 'false',
        'INPUT_FAIL-ON': 'never',
        'INPUT_SARIF-FILE': '',
        INPUT_CONFIG: '.github/faultline.yml',
      },
    });

    expect(run.code).toBe(0);
    expect(readFileSync(outputFile, 'utf8')).toMatch(/^errors<<.+\n[1-9]\d*\n/m);
    expect(run.peakRssMiB).toBeLessThan(300);
  });
});
