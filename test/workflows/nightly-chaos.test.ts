/**
 * The nightly chaos workflow's summary step, run the way a runner runs it (bash, the step's
 * environment, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT files) on result files like the ones its
 * matrix jobs upload: tonight's scores beside the previous run's, and a count of failures that
 * also counts a job that uploaded no result.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const WORKFLOW = new URL('../../.github/workflows/nightly-chaos.yml', import.meta.url).pathname;

function stepScript(id: string): string {
  const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as { jobs: Record<string, { steps: { id?: string; run?: string }[] }> };
  const step = Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .find((s) => s.id === id);
  return step!.run!;
}

function result(dir: string, name: string, verdict: string, score: number | null): void {
  mkdirSync(dir, { recursive: true });
  const measurements = score === null ? [] : [{ name: 'resilience-score', value: score, unit: 'percent' }];
  writeFileSync(join(dir, 'faultline-chaos-result.json'), JSON.stringify({ version: 1, kind: 'chaos', name, verdict, measurements }));
}

describe('nightly chaos: the summary step', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-nightly-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function run(): { summary: string; output: string } {
    writeFileSync(join(dir, 'summary.md'), '');
    writeFileSync(join(dir, 'output'), '');
    execFileSync('bash', ['-e', '-o', 'pipefail', '-c', stepScript('scores')], {
      cwd: dir,
      env: { PATH: process.env.PATH, GITHUB_STEP_SUMMARY: join(dir, 'summary.md'), GITHUB_OUTPUT: join(dir, 'output') },
    });
    return { summary: readFileSync(join(dir, 'summary.md'), 'utf8'), output: readFileSync(join(dir, 'output'), 'utf8') };
  }

  it("shows tonight's scores beside the previous run's and counts the failures", () => {
    result(join(dir, 'tonight', 'faultline-chaos-0'), 'kill the | api', 'pass', 100);
    result(join(dir, 'tonight', 'faultline-chaos-1'), 'partition the db', 'fail', 40);
    result(join(dir, 'previous', 'faultline-chaos-0'), 'kill the | api', 'pass', 80);
    const { summary, output } = run();
    expect(summary).toContain('| kill the \\| api | pass | 100 | 80 |');
    expect(summary).toContain('| partition the db | fail | 40 | – |');
    expect(output).toBe('failed=1\n');
  });

  it('counts a matrix job that uploaded no result as failed', () => {
    result(join(dir, 'tonight', 'faultline-chaos-0'), 'kill the api', 'pass', 100);
    mkdirSync(join(dir, 'tonight', 'faultline-chaos-1'));
    mkdirSync(join(dir, 'previous'));
    expect(run().output).toBe('failed=1\n');
  });

  it('shows n/a for an interrupted run without a score', () => {
    result(join(dir, 'tonight', 'faultline-chaos-0'), 'stress the workers', 'error', null);
    mkdirSync(join(dir, 'previous'));
    const { summary, output } = run();
    expect(summary).toContain('| stress the workers | error | n/a | – |');
    expect(output).toBe('failed=1\n');
  });
});
