/**
 * The baseline from the base branch's newest trusted `faultline-security` artifact. Trusted means:
 * produced by a successful `push` run of the same workflow on the base branch (never by a pull
 * request, which could write whatever baseline it likes), unexpired, and holding a security result
 * whose own `source.sha` and `source.runId` are that run's. Older runs are tried when the newest
 * fails these checks. The GitHub API sits behind `ArtifactStore`; the action provides it.
 */
import { unzipSync } from 'fflate';
import { FaultlineError, isFaultlineError } from '../errors.ts';
import { type Baseline, baselineFromResult } from './baseline.ts';

export const BASELINE_ARTIFACT = 'faultline-security';

export interface WorkflowRunInfo {
  id: number;
  headSha: string;
  headBranch: string | null;
  event: string;
  conclusion: string | null;
}

export interface ArtifactInfo {
  id: number;
  name: string;
  expired: boolean;
}

export interface ArtifactStore {
  /** Successful push runs of the workflow on the branch, newest first. */
  listRuns(branch: string): Promise<WorkflowRunInfo[]>;
  listArtifacts(runId: number, name: string): Promise<ArtifactInfo[]>;
  /** The artifact's zip archive. */
  download(artifactId: number): Promise<Uint8Array>;
}

export type BaselineLookup = { baseline: Baseline; skipped: string[] } | { baseline?: undefined; reason: string; skipped: string[] };

function resultInZip(zip: Uint8Array, label: string): unknown {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (error) {
    throw new FaultlineError(`the artifact is not a readable zip archive (${(error as Error).message})`, { file: label });
  }
  const names = Object.keys(files).filter((n) => n.endsWith('.json'));
  const name = names.find((n) => n.split('/').pop() === 'faultline-security-result.json') ?? (names.length === 1 ? names[0] : undefined);
  if (!name) throw new FaultlineError(`the artifact holds no faultline-security-result.json (found ${Object.keys(files).join(', ') || 'nothing'})`, { file: label });
  try {
    return JSON.parse(new TextDecoder().decode(files[name]));
  } catch (error) {
    throw new FaultlineError(`${name} in the artifact is not valid JSON (${(error as Error).message})`, { file: label });
  }
}

export async function baselineFromArtifacts(store: ArtifactStore, branch: string, maxRuns = 10): Promise<BaselineLookup> {
  const skipped: string[] = [];
  const runs = (await store.listRuns(branch)).slice(0, maxRuns);
  for (const run of runs) {
    const label = `${BASELINE_ARTIFACT} of run ${run.id} on ${branch} (${run.headSha.slice(0, 12)})`;
    if (run.event !== 'push' || run.conclusion !== 'success' || run.headBranch !== branch) {
      skipped.push(`run ${run.id}: not a successful push to ${branch}`);
      continue;
    }
    const artifact = (await store.listArtifacts(run.id, BASELINE_ARTIFACT)).find((a) => a.name === BASELINE_ARTIFACT && !a.expired);
    if (!artifact) {
      skipped.push(`run ${run.id}: no unexpired ${BASELINE_ARTIFACT} artifact`);
      continue;
    }
    try {
      const value = resultInZip(await store.download(artifact.id), label);
      const baseline = baselineFromResult(value, label);
      // The result must say it was produced by this very run, on this commit.
      if (baseline.sha !== run.headSha || baseline.runId !== String(run.id)) {
        skipped.push(`run ${run.id}: its result names commit ${baseline.sha ?? 'none'} and run ${baseline.runId ?? 'none'}, not the run's own`);
        continue;
      }
      return { baseline, skipped };
    } catch (error) {
      if (!isFaultlineError(error)) throw error;
      skipped.push(`run ${run.id}: ${error.message}`);
    }
  }
  return {
    reason: runs.length === 0 ? `no successful push run on ${branch} yet` : `no trusted ${BASELINE_ARTIFACT} artifact in the last ${runs.length} successful push run(s) on ${branch}`,
    skipped,
  };
}
