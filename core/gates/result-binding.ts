/**
 * A result file counts only for the run that produced it and under the policy that judges it.
 * The file's `source` is checked against what GitHub says about the run (never the other way
 * round): its commit, run id and attempt, and the blob SHA of the config the action read against
 * the default branch's `.github/faultline.yml`.
 */
import type { FaultlineResult } from '../result.ts';

export interface RunIdentity {
  id: number;
  attempt: number;
  /** The run's head SHA (for pull requests, the head commit, not the test merge commit). */
  headSha: string;
}

export type Binding =
  | { ok: true }
  /** From an earlier attempt of the same run: superseded by the run's current attempt, not counted. */
  | { ok: false; stale: true; problem: string }
  | { ok: false; stale: false; problem: string };

/**
 * Ties a result to its run only (commit, run id, attempt). Enough for results no config judges
 * and that come from the default branch's own runs (failover drills); gates of a pull request's
 * commit use bindResult.
 */
export function bindToRun(result: FaultlineResult, run: RunIdentity): Binding {
  const source = result.source;
  const reject = (problem: string): Binding => ({ ok: false, stale: false, problem });
  if (!source) return reject('source is missing: the result cannot be tied to the run that produced it');
  if (source.sha !== run.headSha) return reject(`source.sha is ${source.sha ?? 'missing'}, but the run is for commit ${run.headSha}`);
  if (source.runId !== String(run.id)) return reject(`source.runId is ${source.runId ?? 'missing'}, but the file came from run ${run.id}`);
  const attempt = Number(source.runAttempt);
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > run.attempt) {
    return reject(`source.runAttempt is ${source.runAttempt ?? 'missing'}, but run ${run.id} is at attempt ${run.attempt}`);
  }
  if (attempt < run.attempt) return { ok: false, stale: true, problem: `from attempt ${attempt} of run ${run.id}, which is now at attempt ${run.attempt}` };
  return { ok: true };
}

/**
 * The run binding, and the config: `defaultConfigSha` is the blob SHA of the default branch's
 * config, or undefined when the default branch has none.
 */
export function bindResult(result: FaultlineResult, run: RunIdentity, defaultConfigSha: string | undefined): Binding {
  const bound = bindToRun(result, run);
  if (!bound.ok) return bound;
  const source = result.source!;
  const reject = (problem: string): Binding => ({ ok: false, stale: false, problem });
  if (defaultConfigSha === undefined) {
    if (source.configSha !== undefined) {
      return reject(`produced under ${source.configPath ?? 'a config'} (blob ${source.configSha}), but the default branch has no .github/faultline.yml`);
    }
    return { ok: true };
  }
  if (source.configSha === undefined) return reject('source.configSha is missing, but the default branch has a .github/faultline.yml: the policy the result was judged by is unknown');
  if (source.configSha !== defaultConfigSha) {
    return reject(`produced under ${source.configPath ?? 'a config'} (blob ${source.configSha}), not the default branch’s .github/faultline.yml (blob ${defaultConfigSha})`);
  }
  return { ok: true };
}
