/**
 * No `${{ }}` inside a `run:` script, in any workflow under .github/workflows, the root action.yml
 * or any actions/<name>/action.yml: the runner pastes an expression's value into the script before
 * the shell reads it, so a branch name, a title or an input becomes code. Values reach scripts
 * through `env:` and are read as "$VARIABLE". Nor may a pull_request_target workflow check out the
 * pull request's code (it would run with the base repository's secrets). actionlint
 * (test/docs/workflow-snippets.test.ts) knows only some untrusted contexts and never reads
 * action.yml; this check knows none and refuses all.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = new URL('../..', import.meta.url).pathname;

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

interface Finding {
  where: string;
  problem: string;
}

/** Every `run:` with an expression in a workflow or action metadata text. */
function untrustedRuns(where: string, text: string): Finding[] {
  const doc = parse(text) as { on?: unknown; jobs?: Record<string, { steps?: Step[] }>; runs?: { steps?: Step[] } } | null;
  if (!doc || typeof doc !== 'object') return [];
  const steps: { where: string; step: Step }[] = [
    ...Object.entries(doc.jobs ?? {}).flatMap(([job, spec]) => (spec.steps ?? []).map((step, i) => ({ where: `${where} jobs.${job}.steps[${i}]`, step }))),
    ...(doc.runs?.steps ?? []).map((step, i) => ({ where: `${where} runs.steps[${i}]`, step })),
  ];
  const findings: Finding[] = [];
  for (const { where: at, step } of steps) {
    for (const match of (step.run ?? '').matchAll(/\$\{\{[\s\S]*?\}\}/g)) findings.push({ where: at, problem: `expression ${match[0]} in run: (pass it through env: and read "$VAR")` });
  }
  const triggers = typeof doc.on === 'string' ? [doc.on] : Array.isArray(doc.on) ? doc.on : Object.keys((doc.on as object) ?? {});
  if (triggers.includes('pull_request_target')) {
    for (const { where: at, step } of steps) {
      const ref = String(step.with?.ref ?? '');
      if (step.uses?.startsWith('actions/checkout@') && /pull_request\.head|head_ref|refs\/pull/.test(ref)) findings.push({ where: at, problem: `pull_request_target checks out the pull request's code (ref: ${ref})` });
    }
  }
  return findings;
}

function sources(): { where: string; text: string }[] {
  const workflows = join(ROOT, '.github', 'workflows');
  const actions = join(ROOT, 'actions');
  return [
    ...readdirSync(workflows)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => ({ where: `.github/workflows/${f}`, text: readFileSync(join(workflows, f), 'utf8') })),
    ...(existsSync(join(ROOT, 'action.yml')) ? [{ where: 'action.yml', text: readFileSync(join(ROOT, 'action.yml'), 'utf8') }] : []),
    ...readdirSync(actions)
      .filter((name) => existsSync(join(actions, name, 'action.yml')))
      .map((name) => ({ where: `actions/${name}/action.yml`, text: readFileSync(join(actions, name, 'action.yml'), 'utf8') })),
  ];
}

describe('untrusted expressions in run:', () => {
  it('are found in a hostile workflow and a composite action (the check works)', () => {
    const gh = (expression: string) => `\${{ ${expression} }}`;
    const workflow = `on: pull_request_target\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with: { ref: "${gh('github.event.pull_request.head.sha')}" }\n      - run: echo "${gh('github.event.pull_request.title')}"\n      - env: { TITLE: "${gh('github.event.pull_request.title')}" }\n        run: echo "$TITLE"\n`;
    expect(untrustedRuns('w.yml', workflow).map((f) => f.where)).toEqual(['w.yml jobs.x.steps[1]', 'w.yml jobs.x.steps[0]']);
    const composite = `name: c\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: |\n        echo ok\n        git checkout ${gh('inputs.ref')}\n`;
    expect(untrustedRuns('action.yml', composite)).toEqual([{ where: 'action.yml runs.steps[0]', problem: expect.stringContaining(gh('inputs.ref')) }]);
  });

  it('appear nowhere in .github/workflows, the root action.yml or actions/*/action.yml', () => {
    const checked = sources();
    expect(checked.length).toBeGreaterThanOrEqual(10);
    expect(checked.flatMap((s) => untrustedRuns(s.where, s.text))).toEqual([]);
  });
});
