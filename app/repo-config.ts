/**
 * The repository's `.github/faultline.yml`, read the Probot way (default branch, `_extends` from
 * another repository such as the organisation's `.github`) and validated against our schema. An
 * invalid file does not silently fall back to defaults: the caller reports the problems, with key
 * and line, on every check run.
 */
import { checkAgainstSchema, keyPath, parseYaml } from '../core/schema/validate.ts';

export const CONFIG_PATH = '.github/faultline.yml';

export interface ConfigFileRef {
  owner: string;
  repo: string;
  path: string;
}

/** What this module needs from Probot's octokit (`context.octokit`). */
export interface ConfigApi {
  config: {
    get(options: ConfigFileRef): Promise<{ config: Record<string, unknown>; files: (ConfigFileRef & { config: unknown })[] }>;
  };
  request(route: string, params: Record<string, unknown>): Promise<{ data: unknown }>;
}

export type ConfigOutcome<T> =
  | { ok: true; config: T; files: string[] }
  | { ok: false; problems: string[]; files: string[] };

const label = (f: ConfigFileRef) => `${f.owner}/${f.repo}:${f.path}`;

async function rawText(api: ConfigApi, file: ConfigFileRef): Promise<string | undefined> {
  try {
    // Only these three: the loader's file records also carry `url`, which Octokit would take as the
    // request URL, turning the rest into query parameters.
    const { owner, repo, path } = file;
    const { data } = await api.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, mediaType: { format: 'raw' } });
    return typeof data === 'string' ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Finds the line of each problem in the first file (of the `_extends` chain) that has the key. */
async function locateProblems(api: ConfigApi, files: ConfigFileRef[], problems: { pointer: string; message: string }[]): Promise<string[]> {
  const documents = await Promise.all(
    files.map(async (file) => {
      const text = await rawText(api, file);
      try {
        return text === undefined ? undefined : { file, doc: parseYaml(text, label(file)) };
      } catch {
        return undefined;
      }
    }),
  );
  const located = problems.map((problem) => {
    for (const [index, entry] of documents.entries()) {
      const at = entry?.doc.locate(problem.pointer, true);
      if (entry && at) {
        const text = `${label(entry.file)}:${at.line}:${at.column}: ${keyPath(problem.pointer)}: ${problem.message}`;
        return { order: index * 1e6 + at.line, text };
      }
    }
    const text = `${label(files[0] ?? { owner: '?', repo: '?', path: CONFIG_PATH })}: ${keyPath(problem.pointer)}: ${problem.message}`;
    return { order: Number.MAX_SAFE_INTEGER, text };
  });
  return located.sort((a, b) => a.order - b.order).map((p) => p.text);
}

export async function loadRepoConfig<T>(api: ConfigApi, repo: { owner: string; repo: string }, schema: object): Promise<ConfigOutcome<T>> {
  const ref = { ...repo, path: CONFIG_PATH };
  let loaded: Awaited<ReturnType<ConfigApi['config']['get']>>;
  try {
    loaded = await api.config.get(ref);
  } catch (error) {
    // A YAML syntax error: parse the text ourselves to say where.
    const text = await rawText(api, ref);
    if (text !== undefined) {
      try {
        parseYaml(text, label(ref));
      } catch (parseError) {
        const e = parseError as { where?: string; message: string };
        return { ok: false, problems: [`${e.where ?? label(ref)}: ${e.message}`], files: [label(ref)] };
      }
    }
    return { ok: false, problems: [`${label(ref)}: cannot be read: ${(error as Error).message}`], files: [label(ref)] };
  }
  const files = loaded.files.filter((f) => f.config !== null);
  const problems = checkAgainstSchema(schema, { value: loaded.config, locate: () => undefined });
  if (problems.length > 0) {
    return { ok: false, problems: await locateProblems(api, files, problems), files: files.map(label) };
  }
  return { ok: true, config: loaded.config as T, files: files.map(label) };
}
