/**
 * The CLI as users get it from npm: `npm run pack-cli` packs the bundled CLI, the tarball installs
 * into an empty project with no registry at all (an unreachable registry, an empty cache,
 * --offline), and `npx faultline` runs from there: --version, every command's help (each loads its
 * bundled chunk), a real migration lint with its exit code, and the parse-ahead worker the bundle
 * ships beside the CLI.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { commands } from '../../cli/commands/index.ts';
import { TOOL_VERSION } from '../../core/version.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const run = promisify(execFile);

let dir: string;
let tarball: string;
let offline: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-npm-pack-'));
  const { stdout } = await run(process.execPath, ['scripts/pack-cli.ts', '--out', join(dir, 'out')], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  tarball = /^(\S+\.tgz):/m.exec(stdout)![1]!;
  writeFileSync(join(dir, 'package.json'), '{ "name": "adopter", "private": true }\n');
  offline = { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_cache: join(dir, 'npm-cache'), npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' };
  await run('npm', ['install', '--offline', tarball], { cwd: dir, env: offline });
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const npx = (args: string[]) => run('npx', ['--offline', 'faultline', ...args], { cwd: dir, env: offline });

describe('the faultline npm package', () => {
  it('has no dependencies to fetch and says it needs Node 24', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'node_modules', 'faultline', 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'faultline', version: TOOL_VERSION, bin: { faultline: 'cli/index.js' }, engines: { node: '>=24' } });
    expect(manifest.dependencies).toBeUndefined();
  });

  it('answers npx faultline --version with the tool version', async () => {
    const { stdout } = await npx(['--version']);
    expect(stdout.trim()).toBe(TOOL_VERSION);
  }, 60_000);

  it('loads every command from the bundle', async () => {
    // The installed bin itself (npx's own start-up, ten times over, would only add time).
    const bin = join(dir, 'node_modules', '.bin', 'faultline');
    for (const name of Object.keys(commands)) {
      const { stdout } = await run(bin, ['help', name], { cwd: dir, env: offline });
      expect(stdout).toMatch(/usage/i);
    }
  }, 120_000);

  it('lints a migration and exits 1 on an error finding', async () => {
    writeFileSync(join(dir, '001_index.sql'), 'CREATE INDEX orders_customer ON orders (customer_id);\n');
    const failed = await npx(['migrations', 'lint', '001_index.sql', '--format', 'json']).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    const report = JSON.parse(failed!.stdout);
    expect(report.files[0].findings.map((f: { rule: string }) => f.rule)).toContain('non-concurrent-index');
  }, 60_000);

  it("ships the migration linter's parse-ahead worker, which loads the parser", async () => {
    const worker = new Worker(join(dir, 'node_modules', 'faultline', 'cli', 'parse-helper.js'), { workerData: { status: new SharedArrayBuffer(4) } });
    try {
      const first = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(first).toBe('ready');
    } finally {
      await worker.terminate();
    }
  }, 60_000);
});
