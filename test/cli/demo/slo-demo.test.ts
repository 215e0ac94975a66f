/**
 * The SLO part of `faultline demo`: a real local Prometheus with the generated traffic, the status
 * of every example SLO, and Prometheus gone afterwards. It must also say when the outcome is not
 * the designed one, and what to install when Prometheus is missing.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runSloDemo } from '../../../cli/demo/slo-demo.ts';
import type { CliIO } from '../../../cli/io.ts';

const ROOT = new URL('../../..', import.meta.url).pathname;

function io(): { io: CliIO; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { io: { stdout, stderr, colour: false, cwd: ROOT, env: {} }, out: () => out, err: () => err };
}

describe('the SLO demo', () => {
  it('shows every example SLO as the generated traffic implies and exits 0, stopping Prometheus', async () => {
    const { io: demoIo, out, err } = io();
    expect(await runSloDemo(demoIo)).toBe(0);
    expect(err()).toBe('');
    const text = out();
    expect(text).toContain('✓ gateway-requests-availability (gateway): 99.95 % over 30d  PASS');
    expect(text).toContain('alert page: 1h and 5m burn ≥ 14.4');
    // A firing page beside a pass says why the policy lets it through, and how to make it block.
    expect(text).toMatch(/- not blocking: page alert firing \(1h and 5m burn ≥ 14\.4[^)]*\), but the policy \(fail-on-alert: none\) does not block on it; set fail-on-alert: page to block/);
    expect(text).toContain('✗ payments-api-webhook-delivery (payments-api): 99.5 % over 30d  FAIL');
    expect(text).toContain('Verdict: fail (1 SLO breaches the error-budget policy)');
    expect(text).toContain('As designed:');
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)![1]!;
    await expect(fetch(`${url}/-/ready`)).rejects.toThrow();
  });

  it('says what is not as designed, and exits 1, when the examples no longer match the story', async () => {
    const root = mkdtempSync(join(tmpdir(), 'faultline-slo-demo-'));
    try {
      cpSync(join(ROOT, 'examples/slos/openslo'), join(root, 'examples/slos/openslo'), { recursive: true });
      cpSync(join(ROOT, 'examples/slos/sloth/k8s-gateway.yaml'), join(root, 'examples/slos/sloth/k8s-gateway.yaml'));
      const { io: demoIo, err } = io();
      expect(await runSloDemo(demoIo, { root })).toBe(1);
      expect(err()).toContain('SLO demo: not as designed:\n  - payments-api-requests-availability: missing from the status');
      expect(err()).toContain('faultline slo status exited 0; the spent webhook budget should make it exit 1');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('tells a machine without Prometheus what to install', async () => {
    const { io: demoIo, err } = io();
    expect(await runSloDemo(demoIo, { promtoolBinary: '/nonexistent/promtool', prometheusBinary: '/nonexistent/prometheus' })).toBe(2);
    expect(err()).toContain('SLO demo: /nonexistent/promtool is not installed (or not on PATH)');
    expect(err()).toContain("hint: install Debian's prometheus package (it brings promtool): run scripts/setup.sh");
  });
});
