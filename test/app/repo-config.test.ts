import { type ConfigApi, loadRepoConfig } from '../../app/repo-config.ts';
import { parse } from 'yaml';
import { registerSchemas } from '../../core/schema/validate.ts';
import sloSection from '../../policy/schemas/config-slo.schema.json' with { type: 'json' };
import sloPolicy from '../../policy/schemas/slo-policy.schema.json' with { type: 'json' };

registerSchemas(sloPolicy);

const schema = { type: 'object', additionalProperties: false, properties: { slo: sloSection } };
const repo = { owner: 'acme', repo: 'shop' };

/** Files by `owner/repo:path`; `_extends` is resolved the way Probot's config plugin does it. */
function fakeRepos(files: Record<string, string>): ConfigApi {
  return {
    config: {
      async get(ref) {
        const chain: (typeof ref & { config: unknown })[] = [];
        let merged: Record<string, unknown> = {};
        let current: typeof ref | undefined = ref;
        while (current) {
          const text: string | undefined = files[`${current.owner}/${current.repo}:${current.path}`];
          const value: Record<string, unknown> | null = text === undefined ? null : (parse(text) as Record<string, unknown>);
          chain.push({ ...current, config: value });
          if (!value) break;
          const { _extends, ...rest }: { _extends?: unknown } & Record<string, unknown> = value;
          merged = { ...rest, ...merged };
          current = typeof _extends === 'string' ? { owner: current.owner, repo: _extends, path: current.path } : undefined;
        }
        return { config: merged, files: chain };
      },
    },
    async request(_route, params) {
      const text = files[`${params.owner}/${params.repo}:${params.path}`];
      if (text === undefined) throw Object.assign(new Error('Not Found'), { status: 404 });
      return { data: text };
    },
  };
}

describe('the repository config', () => {
  it('is read with _extends from the organisation repository', async () => {
    const api = fakeRepos({
      'acme/shop:.github/faultline.yml': '_extends: .github\nslo:\n  services:\n    checkout: ["services/checkout/**"]\n',
      'acme/.github:.github/faultline.yml': 'slo:\n  specs: [slos/]\n',
    });
    const outcome = await loadRepoConfig(api, repo, schema);
    expect(outcome.ok).toBe(true);
    expect(outcome.files).toEqual(['acme/shop:.github/faultline.yml', 'acme/.github:.github/faultline.yml']);
  });

  it('reports schema problems with file, line and key path', async () => {
    const api = fakeRepos({ 'acme/shop:.github/faultline.yml': 'slo:\n  min-budget-remaining: 5\n  servces: {}\n' });
    const outcome = await loadRepoConfig(api, repo, schema);
    expect(outcome).toEqual({
      ok: false,
      files: ['acme/shop:.github/faultline.yml'],
      problems: [
        'acme/shop:.github/faultline.yml:2:3: slo.min-budget-remaining: must be <= 1',
        'acme/shop:.github/faultline.yml:3:3: slo.servces: unknown key "servces"',
      ],
    });
  });

  it('reports a YAML syntax error with its line', async () => {
    const files = { 'acme/shop:.github/faultline.yml': 'slo:\n  specs: [a, b\n' };
    const api = fakeRepos(files);
    api.config.get = async () => {
      throw new Error('YAMLException: unexpected end of the stream');
    };
    const outcome = await loadRepoConfig(api, repo, schema);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problems[0]).toMatch(/^acme\/shop:\.github\/faultline\.yml:\d+:\d+: cannot parse/);
  });

  it('is valid and empty when the repository has no config file', async () => {
    const outcome = await loadRepoConfig(fakeRepos({}), repo, schema);
    expect(outcome).toEqual({ ok: true, config: {}, files: [] });
  });
});
