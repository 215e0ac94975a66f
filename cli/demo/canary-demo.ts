/**
 * A canary replay for the demo: a local Prometheus holding 40 minutes of a baseline and a canary
 * whose error rate jumps at minute 20, and `faultline slo canary --start` replaying them at
 * 10 → 25 → 50 → 100 % with 10 minutes a step. Exit 0 when the canary is rolled back at 50 %, as
 * the data says it must be.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describeError } from '../../core/errors.ts';
import { CANARY_DEMO_METRICS, generateCanaryTraffic } from './support/canary-traffic.ts';
import { type RunningPrometheus, startPrometheus } from './support/prometheus.ts';
import { type CliIO, writeLine } from '../io.ts';

/** The command line as a user would type it: arguments with quotes or spaces single-quoted. */
function shown(args: string[]): string {
  return args.map((a) => (/^[\w./:=,@%+-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)).join(' ');
}

export async function runCanaryDemo(io: CliIO, options: { now?: Date } = {}): Promise<number> {
  const lastSampleAt = Math.floor((options.now ?? new Date()).getTime() / 60_000) * 60 - 60;
  const traffic = generateCanaryTraffic({
    lastSampleAt,
    minutes: 40,
    tracks: [
      { track: 'baseline', errorRate: () => 0.005, latencySeconds: () => 0.12 },
      { track: 'canary', errorRate: (minute) => (minute >= 20 ? 0.05 : 0.005), latencySeconds: () => 0.12 },
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'faultline-canary-demo-'));
  let prometheus: RunningPrometheus | undefined;
  try {
    writeFileSync(join(dir, 'canary-metrics.yml'), CANARY_DEMO_METRICS);
    writeLine(io.stdout, 'Starting a local Prometheus with the last 40 minutes of a baseline and a canary (errors x10 from minute 20)...');
    prometheus = await startPrometheus({ openMetrics: traffic.openMetrics });
    const args = ['canary', '--prometheus', prometheus.url, '--metrics', 'canary-metrics.yml', '--canary', 'track="canary"', '--baseline', 'track="baseline"'];
    args.push('--steps', '10,25,50,100', '--step-wait', '10m', '--start', new Date(traffic.firstSampleAt * 1000).toISOString());
    writeLine(io.stdout, `$ faultline slo ${shown(args)}\n`);
    const { command } = await import('../commands/slo.ts');
    // Step progress goes to stderr; the demo shows the report alone.
    const quiet = new PassThrough().resume();
    const code = await command.run(args, { ...io, cwd: dir, stderr: quiet });
    if (code !== 1) {
      writeLine(io.stderr, `Canary demo: not as designed: expected a rollback (exit 1), got exit ${code}`);
      return 1;
    }
    writeLine(io.stdout, '\nAs designed: 10 % and 25 % pass, the jump in errors at 50 % fails the critical error-rate metric, so traffic goes back to the baseline (exit 1).');
    return 0;
  } catch (error) {
    writeLine(io.stderr, `Canary demo: ${describeError(error)}`);
    return 2;
  } finally {
    await prometheus?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
