/**
 * How a canary's traffic weight is moved, behind one small interface (`WeightSetter`) so the
 * analysis never knows about meshes, ingresses or Argo Rollouts:
 *
 * - HTTP: POST `{"weight": N}` as JSON to an endpoint the workflow author runs; headers carry
 *   the credentials (the faces mask them).
 * - Command: a program run with execFile and an argument array in which `{weight}` is replaced,
 *   never through a shell, so no weight or argument can turn into shell syntax.
 *
 * Weight 0 is the rollback. `recordWeightChanges` keeps a failed rollback from hiding the
 * analysis' result: it is recorded and reported, not thrown away with the steps.
 */
import { execFile } from 'node:child_process';
import { FaultlineError } from '../../errors.ts';
import { redactUrl } from '../../prometheus/client.ts';
import { parseYaml } from '../../schema/validate.ts';

export type WeightSetter = (weight: number) => Promise<void>;

export const WEIGHT_PLACEHOLDER = '{weight}';

export interface HttpWeightTarget {
  url: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

function checkedUrl(raw: string, label: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FaultlineError(`${label}: "${redactUrl(raw)}" is not a URL`, { hint: 'give an absolute http(s) URL, e.g. https://deploy.example.com/canary/weight' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FaultlineError(`${label} must use http or https, not ${url.protocol}`, { hint: 'e.g. https://deploy.example.com/canary/weight' });
  }
  return url;
}

export function httpWeightSetter(target: HttpWeightTarget, label = 'set-weight-url'): WeightSetter {
  const url = checkedUrl(target.url, label);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...target.headers };
  // fetch refuses URLs with credentials; send them as the Basic header they stand for.
  if (url.username || url.password) {
    headers.authorization ??= `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  const shown = redactUrl(target.url);
  const fetchImpl = target.fetch ?? fetch;
  return async (weight) => {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ weight }),
        signal: AbortSignal.timeout(target.timeoutMs ?? 30_000),
      });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${(target.timeoutMs ?? 30_000) / 1000} s` : ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message;
      throw new FaultlineError(`POST ${shown} (weight ${weight}) failed: ${reason}`, { hint: `check that ${label} is reachable from the runner` });
    }
    const body = (await response.text()).trim();
    if (!response.ok) {
      throw new FaultlineError(`POST ${shown} (weight ${weight}) answered HTTP ${response.status}${body ? `: ${body.slice(0, 200)}` : ''}`, {
        hint: 'the endpoint must answer 2xx once the weight is in place',
      });
    }
  };
}

const SHELL_SYNTAX = /["'`$|;&<>()\\*?~]/;

/**
 * A command as an argument list: a YAML/JSON list (`["kubectl", "argo", "rollouts", "set",
 * "weight", "api", "{weight}"]`), or one line of plain words. Quotes and shell operators in the
 * one-line form are refused: without a shell they would reach the program literally.
 */
export function parseWeightCommand(text: string, label = 'set-weight-command'): string[] {
  const value = text.trim();
  const hint = `write it as a list, e.g. ["kubectl", "argo", "rollouts", "set", "weight", "api", "${WEIGHT_PLACEHOLDER}"]`;
  let argv: string[];
  if (value.startsWith('[') || value.startsWith('- ')) {
    const parsed = parseYaml<unknown>(value, label).value;
    if (!Array.isArray(parsed) || parsed.length === 0 || parsed.some((a) => typeof a !== 'string' && typeof a !== 'number')) {
      throw new FaultlineError(`${label}: expected a non-empty list of arguments (strings)`, { hint });
    }
    argv = parsed.map(String);
  } else {
    if (value.includes('\n')) throw new FaultlineError(`${label}: a command on several lines must be a YAML list (lines starting with "- ")`, { hint });
    if (SHELL_SYNTAX.test(value)) {
      throw new FaultlineError(`${label}: "${value}" uses quotes or shell syntax, but the command runs without a shell`, {
        hint: `${hint}; for pipes or redirections, put them in a script in the repository and run that`,
      });
    }
    argv = value.split(/\s+/);
  }
  if (argv[0]!.includes(WEIGHT_PLACEHOLDER)) throw new FaultlineError(`${label}: the program name cannot be ${WEIGHT_PLACEHOLDER}`, { hint });
  if (!argv.some((arg) => arg.includes(WEIGHT_PLACEHOLDER))) {
    throw new FaultlineError(`${label}: no argument holds ${WEIGHT_PLACEHOLDER}, so the command cannot know the weight`, { hint });
  }
  return argv;
}

export interface CommandWeightTarget {
  argv: string[];
  cwd: string;
  timeoutMs?: number;
  /** Each run's output (stdout and stderr), for the log. */
  onOutput?: (weight: number, output: string) => void;
}

export function commandWeightSetter(target: CommandWeightTarget): WeightSetter {
  const [program, ...args] = target.argv;
  if (!program) throw new FaultlineError('set-weight-command is empty', { hint: 'give the program and its arguments' });
  return (weight) =>
    new Promise<void>((resolve, reject) => {
      const argv = args.map((arg) => arg.replaceAll(WEIGHT_PLACEHOLDER, String(weight)));
      execFile(program, argv, { cwd: target.cwd, timeout: target.timeoutMs ?? 60_000, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`.trim();
        if (output) target.onOutput?.(weight, output);
        if (!error) return resolve();
        const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
        let what: string;
        if (failure.code === 'ENOENT') what = `"${program}" was not found (is it installed, and is the path right relative to ${target.cwd}?)`;
        else if (failure.killed) what = `"${program}" did not finish within ${(target.timeoutMs ?? 60_000) / 1000} s and was stopped`;
        else what = `"${program}" exited with ${typeof failure.code === 'number' ? `code ${failure.code}` : (failure.code ?? 'an error')}`;
        const tail = stderr.trim().split('\n').slice(-5).join('\n');
        reject(new FaultlineError(`set-weight-command for weight ${weight}: ${what}${tail ? `:\n${tail}` : ''}`, { hint: 'the command must exit 0 once the weight is in place' }));
      });
    });
}

export interface WeightChange {
  weight: number;
  /** Why the change failed; absent when it took effect. */
  error?: string;
}

export interface RecordedWeights {
  setWeight?: WeightSetter;
  changes: WeightChange[];
  /** The failed rollback's reason: traffic may still reach the canary. */
  rollbackFailure(): string | undefined;
}

/**
 * Records every change. A failed step change is rethrown (the analysis rolls back); a failed
 * rollback (weight 0) is recorded instead, so the decision and its reasons survive to be reported.
 */
export function recordWeightChanges(setter: WeightSetter | undefined): RecordedWeights {
  const changes: WeightChange[] = [];
  if (!setter) return { changes, rollbackFailure: () => undefined };
  return {
    changes,
    rollbackFailure: () => changes.find((c) => c.weight === 0 && c.error)?.error,
    setWeight: async (weight) => {
      try {
        await setter(weight);
        changes.push({ weight });
      } catch (error) {
        const message = (error as Error).message;
        changes.push({ weight, error: message });
        if (weight !== 0) throw error;
      }
    },
  };
}
