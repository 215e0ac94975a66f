/**
 * `faultline demo`: the README's first command. Runs each engine locally on the examples: the
 * migration gate, a chaos experiment against a small local service, SLO status from a local
 * Prometheus with generated data, and a canary analysis replayed from such data. Exit 0 when every part ran as designed.
 */
import { parseArgs } from 'node:util';
import { FaultlineError } from '../../core/errors.ts';
import { runCanaryDemo } from '../demo/canary-demo.ts';
import { runChaosDemo } from '../demo/chaos-demo.ts';
import { runMigrationsDemo } from '../demo/migrations-demo.ts';
import { runSloDemo } from '../demo/slo-demo.ts';
import { type CliCommand, type CliIO, writeLine } from '../io.ts';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

const PARTS: Record<string, { title: string; run(io: CliIO): Promise<number> }> = {
  migrations: { title: 'Migration gate on examples/migrations (Flyway layout, safe and hazardous files)', run: (io) => runMigrationsDemo(io, ROOT) },
  chaos: { title: 'Chaos experiment against a local service (process driver, guardrails, rollback)', run: (io) => runChaosDemo(io) },
  slo: { title: 'SLO status from a local Prometheus with generated traffic (OpenSLO and Sloth specs)', run: (io) => runSloDemo(io) },
  canary: { title: 'Canary analysis replayed from Prometheus data: errors jump, the rollout rolls back', run: (io) => runCanaryDemo(io) },
};

const usage = `Usage: faultline demo [--only ${Object.keys(PARTS).join('|')}]

Runs Faultline's engines on the examples in this repository, locally. Needs the packages
scripts/setup.sh installs (PostgreSQL is not needed; Prometheus is, for the SLO part).`;

export const command: CliCommand = {
  name: 'demo',
  summary: 'run the local demo: migration gate, a chaos experiment, SLO status, canary analysis',
  usage,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { only: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      writeLine(io.stdout, usage);
      return 0;
    }
    const chosen = values.only ?? Object.keys(PARTS);
    const unknown = chosen.filter((name) => !PARTS[name]);
    if (unknown.length > 0) throw new FaultlineError(`unknown demo part "${unknown[0]}": choose from ${Object.keys(PARTS).join(', ')}`);
    const failed: string[] = [];
    for (const [index, name] of chosen.entries()) {
      const part = PARTS[name]!;
      writeLine(io.stdout, `\n━━ ${index + 1}/${chosen.length} ${part.title}\n`);
      const code = await part.run(io);
      if (code !== 0) failed.push(name);
    }
    writeLine(io.stdout, failed.length === 0 ? '\nDemo complete: every part ran as designed.' : `\nDemo: ${failed.join(', ')} did not run as designed (see above).`);
    return failed.length === 0 ? 0 : 1;
  },
};
