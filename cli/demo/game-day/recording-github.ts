/**
 * A GitHub for one pull request that exists only in memory: it answers the few reads the app makes
 * for a pull request with nothing on it yet, and records every check run and comment the app
 * writes. The game day hands it to the app's own pipeline, so what it records is exactly what the
 * app would send to GitHub. A request it does not know fails loudly rather than being guessed.
 */
import type { GitHubApi } from '../../../app/github-api.ts';

export interface RecordedCheckRun {
  name: string;
  head_sha: string;
  status: string;
  conclusion?: string;
  output: { title: string; summary: string; text?: string; annotations?: { path: string; start_line: number; annotation_level: string; title?: string; message: string }[] };
}

export interface RecordedComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export class RecordingGitHub implements GitHubApi {
  readonly checkRuns: RecordedCheckRun[] = [];
  readonly comments: RecordedComment[] = [];
  readonly requests: string[] = [];
  readonly #botLogin: string;
  #nextId = 1;

  constructor(botLogin: string) {
    this.#botLogin = botLogin;
  }

  async request(route: string, params: Record<string, unknown>): Promise<{ data: unknown }> {
    this.requests.push(route);
    switch (route) {
      case 'GET /repos/{owner}/{repo}/actions/runs':
        // No earlier runs on the base branch: the scorecard has no change column to fill.
        return { data: { total_count: 0, workflow_runs: [] } };
      case 'POST /repos/{owner}/{repo}/check-runs': {
        const run = params as unknown as RecordedCheckRun;
        this.checkRuns.push({ name: run.name, head_sha: run.head_sha, status: run.status, ...(run.conclusion ? { conclusion: run.conclusion } : {}), output: run.output });
        return { data: { id: this.#nextId++ } };
      }
      case 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': {
        // More annotations for the run just created (50 a request).
        const last = this.checkRuns.at(-1);
        const output = (params as { output?: RecordedCheckRun['output'] }).output;
        if (last && output?.annotations) last.output.annotations = [...(last.output.annotations ?? []), ...output.annotations];
        return { data: {} };
      }
      case 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        const comment = { id: this.#nextId++, body: String(params.body), user: { login: this.#botLogin, type: 'Bot' } };
        this.comments.push(comment);
        return { data: comment };
      }
      default:
        throw new Error(`the game day's in-memory GitHub does not answer ${route}`);
    }
  }

  async paginate<T>(route: string, _params: Record<string, unknown>): Promise<T[]> {
    this.requests.push(route);
    if (route === 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments') return this.comments as unknown as T[];
    throw new Error(`the game day's in-memory GitHub does not list ${route}`);
  }
}
