/**
 * action.yml is each action's public API and docs/actions/<name>.md its manual: every input and
 * output must be documented, and nothing documented may be gone from action.yml.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = new URL('../..', import.meta.url).pathname;
const actions = readdirSync(join(root, 'actions')).filter((name) => existsSync(join(root, 'actions', name, 'action.yml')));

interface Manifest {
  inputs?: Record<string, { description?: string; required?: boolean; default?: unknown }>;
  outputs?: Record<string, { description?: string }>;
}

/** Names in the first column (`name`) of the table under a `## <heading>` section. */
function documentedNames(markdown: string, heading: string): string[] {
  const section = new RegExp(`^## ${heading}\\s*$([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(markdown)?.[1] ?? '';
  return [...section.matchAll(/^\|\s*`([\w-]+)`\s*\|/gm)].map((m) => m[1]!);
}

describe.each(actions)('docs/actions/%s.md', (name) => {
  const manifest = parse(readFileSync(join(root, 'actions', name, 'action.yml'), 'utf8')) as Manifest;
  const docPath = join(root, 'docs', 'actions', `${name}.md`);

  it('exists', () => {
    expect(existsSync(docPath)).toBe(true);
  });

  const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';

  it('documents exactly the inputs of action.yml, in an Inputs table', () => {
    expect(documentedNames(doc, 'Inputs').sort()).toEqual(Object.keys(manifest.inputs ?? {}).sort());
  });

  it('documents exactly the outputs of action.yml, in an Outputs table', () => {
    expect(documentedNames(doc, 'Outputs').sort()).toEqual(Object.keys(manifest.outputs ?? {}).sort());
  });

  it('gives every input and output a description, and every input a default or required', () => {
    for (const [input, spec] of Object.entries(manifest.inputs ?? {})) {
      expect({ input, described: Boolean(spec.description) }).toEqual({ input, described: true });
      expect({ input, defaultOrRequired: spec.required === true || spec.default !== undefined }).toEqual({ input, defaultOrRequired: true });
    }
    for (const [output, spec] of Object.entries(manifest.outputs ?? {})) {
      expect({ output, described: Boolean(spec.description) }).toEqual({ output, described: true });
    }
  });

  it('shows a workflow with least-privilege permissions that uses the action', () => {
    const workflows = [...doc.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((y) => /^\s*jobs:/m.test(y));
    expect(workflows.length).toBeGreaterThan(0);
    for (const yaml of workflows) {
      const workflow = parse(yaml) as { permissions?: unknown; jobs: Record<string, { permissions?: unknown; steps?: { uses?: string }[] }> };
      for (const [job, spec] of Object.entries(workflow.jobs)) {
        const permissions = spec.permissions ?? workflow.permissions;
        expect({ job, permissions: typeof permissions }).toEqual({ job, permissions: 'object' });
        expect(Object.values(permissions as Record<string, string>)).not.toContain('write-all');
      }
      const uses = Object.values(workflow.jobs).flatMap((j) => (j.steps ?? []).map((s) => s.uses ?? ''));
      expect(uses.some((u) => u.includes(`actions/${name}`))).toBe(true);
    }
  });
});
