/**
 * Check runs with stable names (`faultline/chaos`, …) that branch protection can require.
 *
 * There is no API to delete a check run, and GitHub treats the newest run of a name on a commit
 * as the one that counts. So every replica writes to the newest run of the name (creating one only
 * when none exists); if two replicas raced and created two, both then write to the same newest one
 * and the older is marked superseded, leaving one effective verdict per name.
 *
 * GitHub appends the annotations of every update to those the run already has, so re-evaluating a
 * commit would pile up copies. Annotations are sent once per check run: the run's `external_id`
 * records which set it carries; an update with the same set sends none, and a different set on a
 * run that already has annotations goes to a new run of the name (the old one is superseded).
 */
import { createHash } from 'node:crypto';

export const MAX_SUMMARY = 65_535;
export const ANNOTATIONS_PER_REQUEST = 50;

export type CheckConclusion = 'success' | 'failure' | 'neutral' | 'action_required' | 'cancelled' | 'skipped';

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  start_column?: number;
  end_column?: number;
}

export interface CheckRunReport {
  name: string;
  head_sha: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion?: CheckConclusion;
  title: string;
  summary: string;
  text?: string;
  annotations?: CheckAnnotation[];
  details_url?: string;
}

export interface CheckApi {
  request(route: string, params: Record<string, unknown>): Promise<{ data: unknown }>;
}

interface ListedCheckRun {
  id: number;
  name: string;
  app?: { id: number } | null;
  external_id?: string | null;
  output?: { annotations_count?: number } | null;
}

interface CheckRunsList {
  check_runs: ListedCheckRun[];
}

/** Names the set of annotations a run carries (stored in its external_id). */
export function annotationsId(annotations: readonly CheckAnnotation[]): string {
  if (annotations.length === 0) return 'faultline:annotations:none';
  return `faultline:annotations:${createHash('sha256').update(JSON.stringify(annotations)).digest('hex').slice(0, 32)}`;
}

export const RERUN_ACTION = { label: 'Re-run', description: 'Evaluate this gate again', identifier: 'rerun' };

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = '\n\n… (truncated: the full report is in the workflow run)';
  return text.slice(0, max - note.length) + note;
}

function output(report: CheckRunReport, annotations: CheckAnnotation[]) {
  return {
    title: clip(report.title, 255),
    summary: clip(report.summary, MAX_SUMMARY),
    ...(report.text ? { text: clip(report.text, MAX_SUMMARY) } : {}),
    ...(annotations.length > 0 ? { annotations } : {}),
  };
}

async function existingRuns(api: CheckApi, repo: { owner: string; repo: string }, appId: number, report: CheckRunReport) {
  const listed = await api.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
    ...repo,
    ref: report.head_sha,
    check_name: report.name,
    filter: 'all',
    app_id: appId,
    per_page: 100,
  });
  return (listed.data as CheckRunsList).check_runs;
}

/**
 * Writes the report to the check run of that name on that commit; returns its id. `fresh` skips
 * the lookup for a commit that was pushed just now and cannot have our runs yet.
 */
export async function publishCheckRun(
  api: CheckApi,
  repo: { owner: string; repo: string },
  appId: number,
  report: CheckRunReport,
  fresh = false,
): Promise<number> {
  const runs = fresh ? [] : await existingRuns(api, repo, appId, report);
  const ours = runs.filter((run) => run.name === report.name).sort((a, b) => b.id - a.id);
  const annotations = report.annotations ?? [];
  const carried = annotationsId(annotations);
  const newest = ours[0];
  const alreadySent = newest !== undefined && newest.external_id === carried;
  // A run's annotations cannot be removed or replaced: a different set needs a run of its own.
  const needsNewRun = newest === undefined || (!alreadySent && (newest.output?.annotations_count ?? 0) > 0);
  const toSend = alreadySent ? [] : annotations;
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < toSend.length; i += ANNOTATIONS_PER_REQUEST) batches.push(toSend.slice(i, i + ANNOTATIONS_PER_REQUEST));
  const [first = [], ...rest] = batches;
  const state = {
    status: report.status,
    ...(report.status === 'completed' ? { conclusion: report.conclusion ?? 'failure', completed_at: new Date().toISOString() } : {}),
    ...(report.details_url ? { details_url: report.details_url } : {}),
    external_id: carried,
    actions: [RERUN_ACTION],
    output: output(report, first),
  };
  let id: number;
  if (needsNewRun) {
    const created = await api.request('POST /repos/{owner}/{repo}/check-runs', {
      ...repo,
      name: report.name,
      head_sha: report.head_sha,
      ...state,
    });
    id = (created.data as { id: number }).id;
  } else {
    id = newest.id;
    await api.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...repo, check_run_id: id, ...state });
  }
  for (const stale of ours.filter((run) => run.id !== id)) {
    await api.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
      ...repo,
      check_run_id: stale.id,
      status: 'completed',
      conclusion: 'skipped',
      output: { title: 'Superseded', summary: `Superseded by check run ${id}.` },
    });
  }
  // GitHub appends annotations sent with later updates, 50 per request.
  for (const batch of rest) {
    await api.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
      ...repo,
      check_run_id: id,
      output: output(report, batch),
    });
  }
  return id;
}
