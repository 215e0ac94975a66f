/**
 * The chaos part of `faultline demo`: examples/experiments/demo-kill-service.yaml, exactly as the
 * README runs it (`faultline chaos run`), on a free loopback port unless DEMO_PORT is set, and in
 * the game day also examples/experiments/demo-guardrail.yaml, whose guardrail must stop the fault.
 * The journal and the ledger go to a directory of their own in the temp dir, not the user's
 * checkout; the experiment's rollback stops the demo service, so nothing keeps running afterwards.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeError, isFaultlineError } from '../../core/errors.ts';
import type { Journal } from '../../core/experiment/journal.ts';
import { journalSucceeded } from '../../core/experiment/journal.ts';
import { type CliIO, writeLine } from '../io.ts';
import { freeLoopbackPort } from './support/free-port.ts';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
export const CHAOS_DEMO_EXPERIMENT = 'examples/experiments/demo-kill-service.yaml';
export const GUARDRAIL_DEMO_EXPERIMENT = 'examples/experiments/demo-guardrail.yaml';


/** Swallows the chaos command's own verdict line: the demo prints its own summary. */
function discard(): NodeJS.WritableStream {
  return { write: () => true } as unknown as NodeJS.WritableStream;
}

/** When the service could not start (a busy port, say), demo-service.sh's own explanation. */
function startFailure(journal: Journal): string[] {
  const start = journal.steady_states.before?.probes.find((probe) => probe.activity.name === 'demo-service-runs');
  const stderr = (start?.output as { stderr?: string } | undefined)?.stderr?.trim();
  return start && start.tolerance_met === false && stderr ? [`demo-service.sh: ${stderr}`] : [];
}

/** The guardrail experiment as designed: aborted by its guardrail, the fault removed at once. */
function guardrailSummary(journal: Journal, journalPath: string, port: string): { lines: string[]; asDesigned: boolean } {
  const breach = journal.faultline.breaches.find((b) => b.source === 'guardrail');
  const asDesigned = journal.status === 'aborted' && breach !== undefined;
  const removed = breach?.faults_removed_ms === undefined ? '' : `; the fault was removed ${breach.faults_removed_ms.toFixed(0)} ms after the breach was seen`;
  return {
    asDesigned,
    lines: [
      asDesigned
        ? `The demo service on 127.0.0.1:${port} was frozen (SIGSTOP); guardrail "${breach!.probe}" saw it stop answering and aborted the method${removed}.`
        : `The guardrail did not stop the experiment as designed: ${journal.status}${journal.faultline.reason ? ` (${journal.faultline.reason})` : ''}.`,
      `Verdict: ${journal.status}; resilience score ${journal.faultline.score?.toFixed(0) ?? '?'}; the rollback stopped the service.`,
      ...startFailure(journal),
      `Journal (Chaos Toolkit format): ${journalPath}`,
      `Run it yourself: bin/faultline chaos run ${GUARDRAIL_DEMO_EXPERIMENT}`,
    ],
  };
}

function summary(journal: Journal, journalPath: string, port: string): string[] {
  const kill = journal.run.find((run) => run.activity.name === 'kill-the-service');
  const killed = (kill?.output as { injected?: { targets?: { pid: number }[] } } | undefined)?.injected?.targets?.map((p) => p.pid) ?? [];
  const held = journalSucceeded(journal);
  return [
    held
      ? `The demo service on 127.0.0.1:${port} was killed${killed.length > 0 ? ` (SIGKILL to pid ${killed.join(', ')})` : ''}; its supervisor restarted it and the health check answered again.`
      : `The experiment did not go as designed: ${journal.status}${journal.deviated ? ', deviated' : ''}${journal.faultline.reason ? ` (${journal.faultline.reason})` : ''}.`,
    `Verdict: ${held ? 'steady state held' : 'steady state NOT held'}; resilience score ${journal.faultline.score?.toFixed(0) ?? '?'}; the rollback stopped the service.`,
    ...startFailure(journal),
    `Journal (Chaos Toolkit format): ${journalPath}`,
    `Run it yourself: bin/faultline chaos run ${CHAOS_DEMO_EXPERIMENT}`,
  ];
}

export interface ChaosDemoOptions {
  /** Which example: the kill (steady state must hold) or the guardrail (must abort). Default kill. */
  experiment?: 'kill' | 'guardrail';
  /** Where the journal, the ledger and the result file go; default a new temp dir (kept: it is the evidence). */
  dir?: string;
}

/** Runs the demo experiment; progress on io.stderr, a short summary on io.stdout. 0 when it ran as designed. */
export async function runChaosDemo(io: CliIO, options: ChaosDemoOptions = {}): Promise<number> {
  const guardrail = options.experiment === 'guardrail';
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'faultline-chaos-demo-'));
  const name = guardrail ? 'guardrail' : 'kill';
  const journalPath = join(dir, `chaos-${name}-journal.json`);
  const port = io.env.DEMO_PORT || String(await freeLoopbackPort());
  const { command } = await import('../commands/chaos.ts');
  let code: number;
  try {
    // The experiment names examples/services/demo-service.sh relative to the repository root.
    code = await command.run(
      [
        'run',
        join(ROOT, guardrail ? GUARDRAIL_DEMO_EXPERIMENT : CHAOS_DEMO_EXPERIMENT),
        '--journal',
        journalPath,
        '--ledger',
        join(dir, `chaos-${name}-ledger.json`),
        '--result',
        join(dir, `faultline-chaos-${name}-result.json`),
        '--var',
        `port=${port}`,
      ],
      { ...io, cwd: ROOT, stdout: discard() },
    );
  } catch (error) {
    writeLine(io.stderr, `faultline demo (chaos): ${describeError(error)}`);
    return isFaultlineError(error) ? error.exitCode : 2;
  }
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal;
  } catch {
    writeLine(io.stderr, `faultline demo (chaos): the run wrote no journal at ${journalPath}`);
    return code === 0 ? 1 : code;
  }
  if (guardrail) {
    const outcome = guardrailSummary(journal, journalPath, port);
    for (const line of outcome.lines) writeLine(io.stdout, line);
    // The guardrail's abort is exit 1 of `chaos run`: here it is the designed outcome.
    return outcome.asDesigned ? 0 : code === 0 ? 1 : code;
  }
  for (const line of summary(journal, journalPath, port)) writeLine(io.stdout, line);
  return code;
}
