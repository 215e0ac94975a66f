/**
 * The README's chaos demo: `bin/faultline chaos run examples/experiments/demo-kill-service.yaml`
 * from the repository root, and runChaosDemo (the chaos part of `faultline demo`). Both kill a real
 * supervised service, see it answer again, and leave nothing running and nothing in the temp dir.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runChaosDemo } from '../../cli/demo/chaos-demo.ts';
import { freeLoopbackPort } from '../../cli/demo/support/free-port.ts';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');


/** Processes running the demo's scripts for one port (supervisor.mjs PORT, hello-service.mjs PORT). */
function demoProcesses(port: number): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (new RegExp(`(supervisor|hello-service)\\.mjs ${port}\\b`).test(cmdline)) found.push(`${entry}: ${cmdline}`);
    } catch {
      // gone while we looked
    }
  }
  return found;
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('the chaos demo', () => {
  let scratch: string;
  const demoDirsBefore = new Set<string>();
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'faultline-demo-test-'));
    for (const name of readdirSync(tmpdir())) if (name.startsWith('faultline-chaos-demo-')) demoDirsBefore.add(name);
  });
  afterEach(() => {
    rmSync(scratch, { recursive: true, force: true });
    // runChaosDemo keeps its journal for the user to read; the test removes what it made.
    for (const name of readdirSync(tmpdir())) {
      if (name.startsWith('faultline-chaos-demo-') && !demoDirsBefore.has(name)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  });

  it('runs as the README says from the repository root, exits 0 and leaves nothing running', async () => {
    const port = await freeLoopbackPort();
    const journal = join(scratch, 'journal.json');
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        join(ROOT, 'bin/faultline'),
        ['chaos', 'run', 'examples/experiments/demo-kill-service.yaml', '--journal', journal, '--ledger', join(scratch, 'ledger.json')],
        { cwd: ROOT, env: { ...process.env, DEMO_PORT: String(port), NO_COLOR: '1' } },
        (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(result.stderr).toContain('✓ kill-the-service');
    expect(result.stdout).toContain('steady state held: "The demo service answers again after its process is killed" — score 100.0');
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(journal, 'utf8'))).toMatchObject({ status: 'completed', deviated: false });
    expect(demoProcesses(port)).toEqual([]);
    expect(existsSync(join(tmpdir(), `faultline-demo-${port}`))).toBe(false);
    expect(existsSync(join(scratch, 'ledger.json'))).toBe(false);
  });

  it('runChaosDemo: progress on stderr, a short summary on stdout, exit 0, nothing left running', async () => {
    const port = await freeLoopbackPort();
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runChaosDemo({ stdout, stderr, colour: false, cwd: scratch, env: { ...process.env, DEMO_PORT: String(port) } });
    expect(stderr.text).toContain('── steady state (before)');
    expect(stderr.text).toContain('✓ kill-the-service');
    const lines = stdout.text.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^The demo service on 127\\.0\\.0\\.1:${port} was killed \\(SIGKILL to pid \\d+\\); its supervisor restarted it and the health check answered again\\.$`));
    expect(lines[1]).toBe('Verdict: steady state held; resilience score 100; the rollback stopped the service.');
    const journalPath = /^Journal \(Chaos Toolkit format\): (.+)$/.exec(lines[2]!)?.[1];
    expect(JSON.parse(readFileSync(journalPath!, 'utf8'))).toMatchObject({ status: 'completed' });
    expect(code).toBe(0);
    expect(demoProcesses(port)).toEqual([]);
    // Nothing was written where the user stands.
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('runChaosDemo: says why and exits 1 when the demo port is taken by something else', async () => {
    const squatter = createHttpServer((_request, response) => response.end('not the demo service'));
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as { port: number }).port;
    try {
      const stdout = new Capture();
      const stderr = new Capture();
      const code = await runChaosDemo({ stdout, stderr, colour: false, cwd: scratch, env: { ...process.env, DEMO_PORT: String(port) } });
      expect(code).toBe(1);
      expect(stderr.text).toContain('✗ demo-service-runs');
      expect(stdout.text).toMatch(/^The experiment did not go as designed: failed \(steady state not met before the method: probe "demo-service-runs"/);
      // The script's own words reach the user: what is wrong and what to do.
      expect(stdout.text).toContain(`demo-service.sh: something else already answers on port ${port}; set DEMO_PORT to a free port`);
      expect(demoProcesses(port)).toEqual([]);
    } finally {
      squatter.closeAllConnections();
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });
});
