/**
 * The reusable dr-drill workflow run job by job the way a runner runs it (test/support/workflow-runner.ts)
 * against a real PostgreSQL primary and streaming standby on loopback: the drill job runs
 * chaos-inject's committed dist on an experiment, then failover-verify's on the drill file in the
 * checkout (each with its post step at the job's end), whose
 * fault stops the primary and promotes the standby; its files travel as the faultline-drill
 * artifact to the evidence job, which runs evidence-upload's dist on them.
 *
 * As far as this machine allows: signing needs the job's OIDC token and Sigstore, and the artifact
 * destination GitHub's artifact service, none of which exist here. Without the token the evidence
 * step must stop at once with the reason and still leave a result for the app (fail closed);
 * bundling, signing and storing are covered with stand-ins in test/actions/evidence-upload*.test.ts.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { validateResult } from '../../core/result.ts';
import { startPostgres, type TestPostgres } from '../../cli/demo/support/postgres.ts';
import { promoteScript, startStandby, stopPrimaryScript, type TestStandby } from '../../cli/demo/support/postgres-standby.ts';
import { removeWorkflowDir, runWorkflow, workflowDir } from '../support/workflow-runner.ts';

let primary: TestPostgres | undefined;
let standby: TestStandby | undefined;
let dir: string;

beforeEach(() => {
  dir = workflowDir();
});
afterEach(async () => {
  await Promise.all([standby?.stop(), primary?.stop()]);
  standby = undefined;
  primary = undefined;
  removeWorkflowDir(dir);
});

const ENV = {
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_EVENT_NAME: 'workflow_dispatch',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_SHA: 'c'.repeat(40),
  GITHUB_REF: 'refs/heads/main',
  GITHUB_RUN_ID: '5151',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_WORKFLOW: 'quarterly dr drill',
  GITHUB_ACTOR: 'sre-bot',
};

async function rows(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: found } = await client.query<{ n: string }>('SELECT count(*) AS n FROM faultline_heartbeat');
    return Number(found[0]!.n);
  } finally {
    await client.end();
  }
}

/** A Chaos Toolkit experiment run before the drill: the primary answers, under a little load. */
function experiment(url: string): string {
  return [
    'title: The orders primary answers before the drill',
    'description: Steady state before the failover drill.',
    'tags: [owner:sre]',
    'steady-state-hypothesis:',
    '  title: The primary answers',
    '  probes:',
    '    - type: probe',
    '      name: primary-answers',
    `      provider: { type: process, path: psql, arguments: ["${url}", "-qAtc", "select 1"], timeout: 10 }`,
    '      tolerance: 0',
    'method:',
    '  - type: action',
    '    name: a-slow-query',
    `    provider: { type: process, path: psql, arguments: ["${url}", "-qAtc", "select pg_sleep(0.2)"], timeout: 10 }`,
    '',
  ].join('\n');
}

describe('reusable workflow dr-drill.yml, run job by job', () => {
  it('runs the experiment, fails over a real primary to its standby, measures RTO and RPO, and hands the drill files to the evidence job', async () => {
    // Acknowledged means flushed, so a fast shutdown of the primary loses no acknowledged write.
    primary = await startPostgres({ settings: { synchronous_commit: 'on' } });
    standby = await startStandby(primary);
    const pair = { primary, standby };
    const drill = {
      name: 'orders database failover',
      // Generous objectives: the machine running this test may be heavily loaded.
      objectives: { rto: '60s', rpo: '5s' },
      writer: { interval: '100ms', timeout: '1s', postgres: { urls: [pair.primary.url, pair.standby.url] } },
      fault: { command: `${stopPrimaryScript(pair.primary.pid)}; ${promoteScript(pair.standby.url)}` },
      recovery: { timeout: '45s', settle: '1s' },
    };

    const run = await runWorkflow({
      workflow: 'dr-drill.yml',
      inputs: { environment: 'staging', drill: 'dr/orders-failover.json', experiment: 'dr/primary-answers.yaml' },
      checkout: (workspace) => {
        mkdirSync(join(workspace, 'dr'));
        writeFileSync(join(workspace, 'dr', 'orders-failover.json'), JSON.stringify(drill, null, 2));
        writeFileSync(join(workspace, 'dr', 'primary-answers.yaml'), experiment(pair.primary.url));
      },
      env: ENV,
      dir,
    });

    // drill: the experiment, then the failover; post steps in reverse order at the job's end.
    const labels = run.jobs.drill!.steps.map((s) => `${s.label}:${s.outcome}`);
    expect(labels).toEqual([
      'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683:success',
      '<owner>/faultline/actions/chaos-inject@v1:success',
      'failover:success',
      'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02:success',
      'post failover:success',
      'post <owner>/faultline/actions/chaos-inject@v1:success',
    ]);
    expect(run.jobs.drill!.result).toBe('success');
    expect(run.outputs.verdict).toBe('met');
    expect(Number(run.outputs['rto-seconds'])).toBeGreaterThan(0);
    expect(Number(run.outputs['rto-seconds'])).toBeLessThanOrEqual(60);
    expect(run.outputs['rpo-seconds']).toBe('0');

    const drillFiles = readdirSync(join(run.artifacts, 'faultline-drill')).sort();
    expect(drillFiles).toEqual(['chaos-journal.json', 'faultline-chaos-result.json', 'faultline-drill-report.md', 'faultline-failover-result.json']);
    const chaos = JSON.parse(readFileSync(join(run.artifacts, 'faultline-drill', 'faultline-chaos-result.json'), 'utf8'));
    expect(validateResult(chaos)).toEqual([]);
    expect(chaos).toMatchObject({ kind: 'chaos', verdict: 'pass' });
    const result = JSON.parse(readFileSync(join(run.artifacts, 'faultline-drill', 'faultline-failover-result.json'), 'utf8'));
    expect(validateResult(result)).toEqual([]);
    expect(result).toMatchObject({ kind: 'failover', verdict: 'pass', details: { lostWrites: 0 } });
    // Every write the drill counted as acknowledged is on the promoted standby.
    expect(await rows(pair.standby.url)).toBeGreaterThanOrEqual(result.details.acknowledgedWrites);
    expect(readFileSync(join(run.artifacts, 'faultline-drill', 'faultline-drill-report.md'), 'utf8')).toContain('```mermaid');

    // evidence: runs after the drill, with the drill's files downloaded into evidence/.
    expect(readdirSync(join(run.jobs.evidence!.workspace, 'evidence')).sort()).toEqual(drillFiles);
    const upload = run.step('evidence', '<owner>/faultline/actions/evidence-upload@v1');
    expect(upload.outcome).toBe('failure');
    expect(upload.log).toContain('cannot request an OIDC token');
    expect(run.step('evidence', 'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02').outcome).toBe('success');
    const evidence = JSON.parse(readFileSync(join(run.artifacts, 'faultline-evidence', 'faultline-evidence-result.json'), 'utf8'));
    expect(validateResult(evidence)).toEqual([]);
    expect(evidence).toMatchObject({ kind: 'evidence', verdict: 'error' });
    expect(run.jobs.evidence!.result).toBe('failure');
  }, 300_000);
});
