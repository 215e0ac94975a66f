/**
 * `faultline demo`: the README's first command, a local game day on embedded targets. While the
 * migration gate and the chaos experiments run, a PostgreSQL primary with a streaming standby (and
 * a small service writing orders) and, when installed, Ceph RGW start in the background; then the
 * SLO status and a canary from a local Prometheus, a failover drill, the evidence bundle under
 * Object Lock, and the check runs and PR comment the app would post. Everything it started is
 * stopped and its temp dirs removed at the end — also when a part fails or on Ctrl-C.
 * Exit 0 when every part ran as designed, 1 when one did not, 130 when interrupted.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeError, FaultlineError } from '../../core/errors.ts';
import type { GameDay } from '../demo/game-day/context.ts';
import { PARTS } from '../demo/game-day/parts.ts';
import { startDatabase, startS3 } from '../demo/game-day/targets.ts';
import { Teardown } from '../demo/support/teardown.ts';
import { type CliCommand, type CliIO, writeLine } from '../io.ts';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const PRODUCERS = ['migrations', 'chaos', 'slo', 'failover'];
const DEFAULT_OUT = '.faultline/demo';

const usage = `Usage: faultline demo [--only PART]... [--out DIR]

A local game day on embedded targets (about a minute): ${Object.keys(PARTS).join(', ')}.

Options:
  --only PART   run only this part (repeatable), one of: ${Object.keys(PARTS).join(', ')}
                (evidence and report use the results of the parts run with them; alone, the
                migration gate runs first to give them one)
  --out DIR     where the PR comment and check runs are written as pull-request.md and
                pull-request.html (default ${DEFAULT_OUT})

Needs the packages scripts/setup.sh installs: PostgreSQL (failover), Prometheus (slo, canary);
Ceph RGW for the Object Lock step, which is skipped, saying so, when it is not installed.`;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function chosenParts(only: string[] | undefined, io: CliIO): string[] {
  const chosen = only ?? Object.keys(PARTS);
  const unknown = chosen.filter((name) => !PARTS[name]);
  if (unknown.length > 0) throw new FaultlineError(`unknown demo part "${unknown[0]}": choose from ${Object.keys(PARTS).join(', ')}`);
  const ordered = Object.keys(PARTS).filter((name) => chosen.includes(name));
  if (ordered.some((n) => n === 'evidence' || n === 'report') && !ordered.some((n) => PRODUCERS.includes(n))) {
    writeLine(io.stdout, 'evidence and report need results: the migration gate runs first to give them one.');
    ordered.unshift('migrations');
  }
  return ordered;
}

/** The "pull request's" checkout: the examples the actions read, and folders for what the day writes. */
function makeWorkspace(): { workspace: string; resultsDir: string } {
  const workspace = mkdtempSync(join(tmpdir(), 'faultline-game-day-'));
  for (const dir of ['examples/migrations', 'examples/slos']) cpSync(join(ROOT, dir), join(workspace, dir), { recursive: true });
  for (const file of ['demo-kill-service.yaml', 'demo-guardrail.yaml']) cpSync(join(ROOT, 'examples/experiments', file), join(workspace, 'examples/experiments', file));
  const resultsDir = join(workspace, 'results');
  mkdirSync(resultsDir);
  mkdirSync(join(workspace, '.faultline'));
  return { workspace, resultsDir };
}

async function runParts(day: GameDay, chosen: string[]): Promise<{ failed: string[]; timings: string[] }> {
  const { io } = day;
  const failed: string[] = [];
  const timings: string[] = [];
  for (const [index, name] of chosen.entries()) {
    if (day.signal.aborted) break;
    const part = PARTS[name]!;
    writeLine(io.stdout, `\n━━ ${index + 1}/${chosen.length} ${part.title}\n`);
    const started = Date.now();
    let code: number;
    try {
      code = await part.run(day);
    } catch (error) {
      writeLine(io.stderr, `faultline demo (${name}): ${describeError(error)}`);
      code = 2;
    }
    const took = seconds(Date.now() - started);
    if (day.signal.aborted) code = 130;
    writeLine(io.stdout, `\n${code === 0 ? '✓' : '✗'} ${name}: ${code === 0 ? 'as designed' : code === 130 ? 'interrupted' : `NOT as designed (exit ${code})`} — ${took}`);
    timings.push(`${name} ${took}`);
    if (code !== 0) failed.push(name);
  }
  return { failed, timings };
}

export const command: CliCommand = {
  name: 'demo',
  summary: 'run the local game day: migration gate, chaos, SLOs, a failover drill, evidence, the PR comment',
  usage,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { only: { type: 'string', multiple: true }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      writeLine(io.stdout, usage);
      return 0;
    }
    const chosen = chosenParts(values.only, io);
    const needs = new Set(chosen.flatMap((name) => PARTS[name]!.needs));
    const begun = Date.now();
    const teardown = new Teardown();
    const controller = new AbortController();
    const { workspace, resultsDir } = makeWorkspace();
    const day: GameDay = { io, root: ROOT, workspace, resultsDir, outDir: resolve(io.cwd, values.out ?? DEFAULT_OUT), teardown, signal: controller.signal, reports: [] };
    const finish = async (): Promise<string[]> => {
      // A start still under way registers what it started when it ends: wait for it first.
      await Promise.allSettled([day.database, day.s3]);
      const problems = await teardown.run();
      rmSync(workspace, { recursive: true, force: true });
      return problems;
    };
    let interrupts = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      interrupts++;
      controller.abort(signal);
      if (interrupts === 1) writeLine(io.stderr, `\nfaultline demo: ${signal} — ending the current step, then stopping everything the demo started (again to hurry)`);
      else void finish().finally(() => process.exit(130));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const background: string[] = [];
      if (needs.has('database')) {
        day.database = startDatabase(teardown);
        background.push('a PostgreSQL primary, its streaming standby and the orders service');
      }
      if (needs.has('s3')) {
        day.s3 = startS3(teardown);
        background.push('Ceph RGW (S3 with Object Lock) if installed');
      }
      // Awaited by the parts that need them; a failed start is reported there.
      for (const started of [day.database, day.s3]) started?.catch(() => {});
      writeLine(io.stdout, `Faultline game day: ${chosen.join(', ')}${background.length > 0 ? `\nStarting in the background: ${background.join('; ')}.` : ''}`);
      const { failed, timings } = await runParts(day, chosen);
      const stopping = Date.now();
      const problems = await finish();
      timings.push(`stopping everything ${seconds(Date.now() - stopping)}`);
      for (const problem of problems) writeLine(io.stderr, `faultline demo: could not stop ${problem}`);
      const total = seconds(Date.now() - begun);
      if (controller.signal.aborted) {
        writeLine(io.stdout, `\nDemo interrupted after ${total}; everything it started was stopped.`);
        return 130;
      }
      writeLine(io.stdout, `\n${failed.length === 0 ? 'Demo complete: every part ran as designed' : `Demo: ${failed.join(', ')} did not run as designed (see above)`} in ${total} (${timings.join(', ')}); everything it started was stopped.`);
      return failed.length === 0 && problems.length === 0 ? 0 : 1;
    } finally {
      await finish();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};
