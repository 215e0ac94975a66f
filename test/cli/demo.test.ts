import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIO } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';

function capture(): { io: CliIO; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  return { io: { stdout, stderr, colour: false, cwd: process.cwd(), env: process.env }, out: () => out, err: () => err };
}

describe('faultline demo', () => {
  it('runs the migration gate on the examples and finds their hazards', async () => {
    const { io, out } = capture();
    expect(await main(['demo', '--only', 'migrations'], io)).toBe(0);
    expect(out()).toContain('1/1 Migration gate on the pull request’s migrations');
    expect(out()).toContain('non-concurrent-index');
    expect(out()).toMatch(/Demo complete: every part ran as designed in \d+\.\d s \(migrations \d+\.\d s, stopping everything \d+\.\d s\); everything it started was stopped\./);
  });

  it('refuses an unknown part with the list of parts', async () => {
    const { io, err } = capture();
    expect(await main(['demo', '--only', 'kubernetes'], io)).toBe(2);
    expect(err()).toContain('unknown demo part "kubernetes": choose from migrations, chaos, slo, canary, failover, evidence, report');
  });

  it('--only report: runs the migration gate first, then renders what the app posts, to the terminal, Markdown and HTML', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'faultline-demo-report-'));
    try {
      const { io, out, err } = capture();
      const code = await main(['demo', '--only', 'report', '--out', outDir], io);
      expect(err()).toBe('');
      expect(code).toBe(0);
      expect(out()).toContain('evidence and report need results: the migration gate runs first to give them one.');
      expect(out()).toContain('━━ 2/2 What the app posts on the pull request');
      // The migration-gate action's own result file, judged by the app's pipeline.
      expect(out()).toMatch(/1 result files \(migrations\) judged by the app's pipeline for pull request #42 at [0-9a-f]{7}/);
      expect(out()).toMatch(/✗ faultline\/migrations +failure +1 of 1 failed/);
      // chaos is required by the demo's config and nothing ran it: the gate fails closed.
      expect(out()).toMatch(/✗ faultline\/chaos +failure +No trusted result/);
      const markdown = readFileSync(join(outDir, 'pull-request.md'), 'utf8');
      expect(markdown).toContain('<!-- faultline:pull-request-comment -->\n## Faultline — resilience report for');
      expect(markdown).toContain('**non-concurrent-index**');
      expect(markdown).toMatch(/<summary>9 annotation\(s\) on the diff<\/summary>/);
      const html = readFileSync(join(outDir, 'pull-request.html'), 'utf8');
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain('<h2>Faultline — resilience report for <code>');
      // Mermaid is inlined from the installed package: the page needs no network.
      expect(html).toContain('globalThis["mermaid"]');
      expect(html).not.toMatch(/<script[^>]+src=|https:\/\/cdn/);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
