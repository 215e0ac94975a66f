/**
 * The parts of `faultline demo`, in game-day order, each with what it needs started first. The
 * migration gate, the chaos experiments, the SLO status and the canary are the engines' demos as
 * before; in the game day the migration and SLO parts also run their actions' dists, so the result
 * files the evidence and the app's report use are the ones a workflow would upload.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Journal } from '../../../core/experiment/journal.ts';
import { renderChaosMarkdown } from '../../../core/report/chaos-markdown.ts';
import { writeLine } from '../../io.ts';
import { runCanaryDemo } from '../canary-demo.ts';
import { runChaosDemo } from '../chaos-demo.ts';
import { runMigrationsDemo } from '../migrations-demo.ts';
import { runSloDemo } from '../slo-demo.ts';
import { runAction } from './action-run.ts';
import type { GameDay } from './context.ts';
import { runEvidenceDemo } from './evidence-demo.ts';
import { runFailoverDemo } from './failover-demo.ts';
import { runReportDemo } from './report-demo.ts';

export interface DemoPart {
  title: string;
  needs: ('database' | 's3')[];
  run(day: GameDay): Promise<number>;
}

async function migrations(day: GameDay): Promise<number> {
  // The action runs in a process of its own while the CLI shows the findings.
  const running = runAction('migration-gate', day.workspace, { paths: 'examples/migrations/*.sql', 'changed-only': 'false', 'fail-on': 'error' }, day.io.env);
  running.catch(() => {});
  const code = await runMigrationsDemo(day.io, day.root);
  const action = await running;
  if (code !== 0) return code;
  const written = action.outputs['result-file'];
  if (!written || !existsSync(written)) {
    writeLine(day.io.stderr, `Migration demo: the migration-gate action wrote no result file (exit ${action.exitCode}):\n${action.log.slice(-2000)}`);
    return 1;
  }
  renameSync(written, join(day.resultsDir, 'faultline-migrations-result.json'));
  writeLine(day.io.stdout, `\nThe migration-gate action (its dist, run as a runner runs it) found ${action.outputs.errors} errors and ${action.outputs.warnings} warnings and wrote results/faultline-migrations-result.json.`);
  return 0;
}

/** A stream that keeps what is written, to be shown later. */
function held(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

async function chaos(day: GameDay): Promise<number> {
  // The two experiments use services of their own (each on a free port), so they run side by side;
  // the second's output is held and shown after the first's, so the two read one after the other.
  const [out, err] = [held(), held()];
  const guardrailRun = runChaosDemo({ ...day.io, stdout: out.stream, stderr: err.stream }, { dir: day.resultsDir, experiment: 'guardrail' });
  guardrailRun.catch(() => {});
  const kill = await runChaosDemo(day.io, { dir: day.resultsDir });
  writeLine(day.io.stdout, '\nAlongside, the same service frozen instead of killed, with a guardrail watching its latency:\n');
  const guardrail = await guardrailRun;
  day.io.stderr.write(err.text());
  day.io.stdout.write(out.text());
  for (const name of ['kill', 'guardrail']) {
    const journal = join(day.resultsDir, `chaos-${name}-journal.json`);
    if (existsSync(journal)) day.reports.push({ title: `Chaos experiment (${name})`, markdown: renderChaosMarkdown(JSON.parse(readFileSync(journal, 'utf8')) as Journal) });
  }
  return kill !== 0 ? kill : guardrail;
}

async function slo(day: GameDay): Promise<number> {
  return runSloDemo(day.io, {
    whilePrometheusRuns: async (url) => {
      const action = await runAction('slo-gate', day.workspace, { specs: 'examples/slos/openslo\nexamples/slos/sloth', 'prometheus-url': url, 'result-file': 'results/faultline-slo-result.json' }, day.io.env);
      if (!existsSync(join(day.resultsDir, 'faultline-slo-result.json'))) {
        writeLine(day.io.stderr, `SLO demo: the slo-gate action wrote no result file (exit ${action.exitCode}):\n${action.log.slice(-2000)}`);
        return { code: 1, lines: [] };
      }
      return { code: 0, lines: ['', `The slo-gate action (its dist, run as a runner runs it) judged the same Prometheus: verdict ${action.outputs.verdict}; it wrote results/faultline-slo-result.json.`] };
    },
  });
}

async function evidence(day: GameDay): Promise<number> {
  return (await runEvidenceDemo(day)).code;
}

export const PARTS: Record<string, DemoPart> = {
  migrations: { title: 'Migration gate on the pull request’s migrations (Flyway layout, safe and hazardous files)', needs: [], run: migrations },
  chaos: { title: 'Chaos experiments against a local service: a kill the service survives, a freeze a guardrail stops', needs: [], run: chaos },
  slo: { title: 'SLO status from a local Prometheus with generated traffic (OpenSLO and Sloth specs)', needs: [], run: slo },
  canary: { title: 'Canary analysis replayed from Prometheus data: errors jump, the rollout rolls back', needs: [], run: (day) => runCanaryDemo(day.io) },
  failover: { title: 'Failover drill: stop the PostgreSQL primary, promote the standby, measure RTO and RPO', needs: ['database'], run: runFailoverDemo },
  evidence: { title: 'Evidence: the day’s results packed, signed, verified, stored under a COMPLIANCE Object Lock', needs: ['s3'], run: evidence },
  report: { title: 'What the app posts on the pull request: check runs and the PR comment (Markdown and HTML)', needs: [], run: runReportDemo },
};
