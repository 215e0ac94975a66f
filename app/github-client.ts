/**
 * The Octokit every handler gets: Probot's (which carries @octokit/plugin-retry and
 * @octokit/plugin-throttling) with bounded rate-limit retries and request metrics. Probot's own
 * handlers never retry a secondary rate limit; ours wait out `retry-after` a few times, then give up
 * so a handler ends and reports.
 */
import { ProbotOctokit } from 'probot';
import type { AppMetrics } from './metrics.ts';

export const MAX_RATE_LIMIT_RETRIES = 3;

interface ClientOptions {
  throttle?: { id?: string };
  auth?: { installationId?: number | string };
}

interface RequestOptions {
  method: string;
  url: string;
}

export function faultlineOctokit(metrics: AppMetrics) {
  type Hook = (name: 'request', hook: (...args: never[]) => unknown) => void;
  const countRequests = (octokit: { hook: { after: Hook; error: Hook } }) => {
    const record = (options: RequestOptions, status: number | string) =>
      metrics.githubRequests.inc({ method: options.method, route: options.url, status: String(status) });
    octokit.hook.after('request', (response: { status: number }, options: RequestOptions) => record(options, response.status));
    octokit.hook.error('request', (error: { status?: number }, options: RequestOptions) => {
      record(options, error.status ?? 'error');
      throw error;
    });
  };
  // Typed `void` upstream, but the plugin retries when the handler returns true.
  const retryRateLimit = (retryAfter: number, options: RequestOptions, octokit: { log: { warn(m: string): void } }, retryCount: number) => {
    const retry = retryCount < MAX_RATE_LIMIT_RETRIES;
    octokit.log.warn(`GitHub rate limit on ${options.method} ${options.url}; ${retry ? `retrying in ${retryAfter} s` : 'giving up'}`);
    return retry;
  };
  // A function, not an object: Probot passes its own throttle handlers per instance (its secondary
  // rate-limit handler never retries), and only a function default can take precedence over them.
  // The throttling plugin queues writes ≥ 1 s apart per throttle id. Probot's clients for webhook
  // events carry no id (only `app.auth(id)` sets one), so every installation would share one queue:
  // one write a second for the whole process. GitHub's limits are per installation token.
  const throttleIdOf = (options: ClientOptions) =>
    options.throttle?.id === undefined && options.auth?.installationId !== undefined ? { id: `installation-${options.auth.installationId}` } : {};
  return ProbotOctokit.plugin(countRequests as never).defaults((options: ClientOptions) => ({
    ...options,
    throttle: { ...options.throttle, ...throttleIdOf(options), onRateLimit: retryRateLimit, onSecondaryRateLimit: retryRateLimit },
  }));
}
