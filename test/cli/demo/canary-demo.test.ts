/** The canary part of the SLO demo: a replay against a real local Prometheus that must roll back at 50 %. */
import { PassThrough } from 'node:stream';
import { runCanaryDemo } from '../../../cli/demo/canary-demo.ts';

describe('the canary demo', () => {
  it('replays the canary, rolls it back at 50 % as the data says, and exits 0', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    expect(await runCanaryDemo({ stdout, stderr, colour: false, cwd: process.cwd(), env: {} })).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/\$ faultline slo canary --prometheus http:\/\/127\.0\.0\.1:\d+ --metrics canary-metrics\.yml --canary 'track="canary"' --baseline 'track="baseline"'/);
    expect(out).toContain('Canary analysis: ROLLBACK');
    expect(out).toContain('step 50 %: fail (score 50)');
    expect(out).toContain('not reached: 100 %');
    expect(out).toContain('As designed:');
  });
});
