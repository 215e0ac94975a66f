/**
 * The SLO part of `faultline demo`: a local Prometheus (Debian's, started on a loopback port)
 * backfilled with three days of generated traffic for the example specs, `faultline slo status`
 * on examples/slos/openslo and examples/slos/sloth, then Prometheus is stopped. Exit 0 when every
 * SLO came out as the generated traffic says it must (see slo-demo-data.ts): that includes the
 * one spent budget, so the status itself exits 1.
 */
import { PassThrough } from 'node:stream';
import { describeError } from '../../core/errors.ts';
import { type RunningPrometheus, startPrometheus } from './support/prometheus.ts';
import { type CliIO, writeLine } from '../io.ts';
import { EXPECTED_STATUS, sloDemoTraffic } from './slo-demo-data.ts';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const SPECS = ['examples/slos/openslo', 'examples/slos/sloth'];

interface StatusDocument {
  slos: { name: string; verdict: string; alert: string }[];
}

async function captured(io: CliIO, run: (io: CliIO) => Promise<number>): Promise<{ code: number; stdout: string }> {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const code = await run({ ...io, stdout, colour: false });
  return { code, stdout: text };
}

/** Differences between what the status said and what the generated traffic implies. */
function surprises(document: StatusDocument): string[] {
  const problems: string[] = [];
  for (const [name, expected] of Object.entries(EXPECTED_STATUS)) {
    const slo = document.slos.find((s) => s.name === name);
    if (!slo) problems.push(`${name}: missing from the status`);
    else if (slo.verdict !== expected.verdict || slo.alert !== expected.alert) {
      problems.push(`${name}: expected ${expected.verdict} with alert ${expected.alert}, got ${slo.verdict} with alert ${slo.alert}`);
    }
  }
  for (const slo of document.slos) if (!EXPECTED_STATUS[slo.name]) problems.push(`${slo.name}: an example SLO the demo has no traffic story for`);
  return problems;
}

export interface SloDemoOptions {
  /** Repository root holding examples/slos; default this checkout. */
  root?: string;
  now?: Date;
  /** Default: `prometheus` and `promtool` on the PATH (Debian's package). */
  prometheusBinary?: string;
  promtoolBinary?: string;
  /**
   * Started as soon as Prometheus is up, alongside the status (the game day runs the slo-gate
   * action here); awaited after it, and its lines printed then, so the outputs do not interleave.
   */
  whilePrometheusRuns?: (prometheusUrl: string) => Promise<{ code: number; lines: string[] }>;
}

export async function runSloDemo(io: CliIO, options: SloDemoOptions = {}): Promise<number> {
  const root = options.root ?? ROOT;
  const traffic = sloDemoTraffic(options.now);
  let prometheus: RunningPrometheus | undefined;
  try {
    writeLine(io.stdout, 'Starting a local Prometheus with three days of generated traffic for the example services...');
    prometheus = await startPrometheus({
      openMetrics: traffic.openMetrics,
      ...(options.prometheusBinary ? { prometheusBinary: options.prometheusBinary } : {}),
      ...(options.promtoolBinary ? { promtoolBinary: options.promtoolBinary } : {}),
    });
    writeLine(io.stdout, `${prometheus.version}, listening on ${prometheus.url} (stopped when the demo ends)\n`);
    const alongside = options.whilePrometheusRuns?.(prometheus.url);
    // Awaited below; a failure before then must not surface as an unhandled rejection.
    alongside?.catch(() => {});
    const { command } = await import('../commands/slo.ts');
    const args = ['status', '--prometheus', prometheus.url, '--at', traffic.evaluationTime.toISOString(), ...SPECS];
    const here = { ...io, cwd: root };
    writeLine(io.stdout, `$ faultline slo ${args.join(' ')}\n`);
    const shown = await command.run(args, here);
    const checked = await captured(here, (quiet) => command.run([...args, '--format', 'json'], quiet));
    const problems = checked.code === 2 ? [`the status could not be computed (exit 2): ${checked.stdout.trim()}`] : surprises(JSON.parse(checked.stdout) as StatusDocument);
    if (shown !== 1) problems.push(`faultline slo status exited ${shown}; the spent webhook budget should make it exit 1`);
    const extra = alongside ? await alongside : { code: 0, lines: [] };
    for (const line of extra.lines) writeLine(io.stdout, line);
    if (problems.length > 0) {
      writeLine(io.stderr, `SLO demo: not as designed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      return 1;
    }
    if (extra.code !== 0) return extra.code;
    writeLine(
      io.stdout,
      [
        '',
        'As designed: checkout, search and payments-api requests have budget left; the gateway has',
        'burned fast for the last hour (page alert) but still has budget, which the default policy',
        "lets through; payments-api's webhook deliveries spent their budget, so the gate fails (exit 1).",
        'The same numbers come from `faultline slo status --format json` and the slo-gate action.',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    writeLine(io.stderr, `SLO demo: ${describeError(error)}`);
    return 2;
  } finally {
    await prometheus?.stop();
  }
}
