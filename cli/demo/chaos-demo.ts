/**
 * The chaos part of `faultline demo`: examples/experiments/demo-kill-service.yaml, exactly as the
 * README runs it (`faultline chaos run`), on a free loopback port unless DEMO_PORT is set. The
 * journal and the ledger go to a directory of their own in the temp dir, not the user's checkout;
 * the experiment's rollback stops the demo service, so nothing keeps running afterwards.
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

/** Runs the demo experiment; progress on io.stderr, a short summary on io.stdout. 0 when it ran as designed. */
export async function runChaosDemo(io: CliIO): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-chaos-demo-'));
  const journalPath = join(dir, 'journal.json');
  const port = io.env.DEMO_PORT || String(await freeLoopbackPort());
  const { command } = await import('../commands/chaos.ts');
  let code: number;
  try {
    // The experiment names examples/services/demo-service.sh relative to the repository root.
    code = await command.run(
      ['run', join(ROOT, CHAOS_DEMO_EXPERIMENT), '--journal', journalPath, '--ledger', join(dir, 'ledger.json'), '--var', `port=${port}`],
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
  for (const line of summary(journal, journalPath, port)) writeLine(io.stdout, line);
  return code;
}
