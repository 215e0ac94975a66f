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
    expect(out()).toContain('1/1 Migration gate on examples/migrations');
    expect(out()).toContain('non-concurrent-index');
    expect(out()).toContain('Demo complete: every part ran as designed.');
  });

  it('refuses an unknown part with the list of parts', async () => {
    const { io, err } = capture();
    expect(await main(['demo', '--only', 'kubernetes'], io)).toBe(2);
    expect(err()).toContain('unknown demo part "kubernetes": choose from migrations, chaos, slo, canary');
  });
});
