/**
 * Prometheus instant query: `value` is the first sample's value, so a tolerance such as
 * `{type: range, range: [0, 1]}` on a burn rate can refuse to start an experiment.
 * The client is the shared core/prometheus one; tests may hand in their own.
 */
import { FaultlineError } from '../errors.ts';
import { HttpPrometheusClient, type PrometheusClient, PrometheusError, type PrometheusFailure } from '../prometheus/client.ts';
import { asArgs, optionalHeaders, rejectUnknown, requiredString, requiredUrl, timeoutMs } from './arguments.ts';
import type { Probe } from './types.ts';

export interface PrometheusProbeArgs {
  url: string;
  query: string;
  headers?: Record<string, string>;
  timeoutMs: number;
}

export type PrometheusClientFactory = (args: PrometheusProbeArgs) => PrometheusClient;

const defaultFactory: PrometheusClientFactory = (args) =>
  new HttpPrometheusClient({ url: args.url, headers: args.headers, timeoutMs: args.timeoutMs });

/**
 * What to check, in the probe's own terms: the shared client's hints speak of SLO specs and the
 * CLI's --prometheus flag, which an experiment author does not have.
 */
const PROBE_HINTS: Record<PrometheusFailure, string> = {
  unreachable: "check the probe's url (scheme, host, port) and that Prometheus runs and is reachable from here",
  timeout: "raise the probe's timeout (seconds) or make the query cheaper",
  http: "check the probe's url and, for a protected server, its headers (Authorization, X-Scope-OrgID)",
  bad_data: "check the probe's query: Prometheus could not parse or run it",
  query: "check the probe's query: Prometheus could not parse or run it",
  'invalid-response': "check that the probe's url points at the Prometheus server itself (its /api/v1/query answers)",
};

function hintFor(error: unknown): string {
  if (error instanceof PrometheusError) return ` (${PROBE_HINTS[error.reason]})`;
  return error instanceof FaultlineError && error.hint ? ` (${error.hint})` : '';
}

export function createPrometheusProbe(factory: PrometheusClientFactory = defaultFactory): Probe<PrometheusProbeArgs> {
  return {
    kind: 'prometheus',
    tolerances: ['boolean', 'number', 'list', 'range', 'probe'],
    validate(raw) {
      const args = asArgs(raw, 'prometheus');
      rejectUnknown(args, 'prometheus', ['url', 'query', 'headers', 'timeout']);
      return {
        url: requiredUrl(args, 'url', 'prometheus', { schemes: ['http', 'https'], example: 'http://127.0.0.1:9090' }),
        query: requiredString(args, 'query', 'prometheus'),
        headers: optionalHeaders(args, 'headers', 'prometheus'),
        timeoutMs: timeoutMs(args, 'prometheus', 10),
      };
    },
    describe: (args) => `Prometheus ${args.url}: ${args.query}`,
    async run(args) {
      let samples: Awaited<ReturnType<PrometheusClient['query']>>;
      try {
        samples = await factory(args).query(args.query);
      } catch (error) {
        // The activity's exception is all the journal keeps: the hint travels inside the message.
        throw new Error(`Prometheus query failed: ${(error as Error).message}${hintFor(error)}`);
      }
      const first = samples[0];
      // NaN cannot travel through JSON; report it as null so a tolerance fails instead of matching.
      const value = first === undefined || !Number.isFinite(first.value) ? null : first.value;
      return {
        ok: value !== null,
        value,
        samples: samples.map((s) => ({ labels: s.labels, value: Number.isFinite(s.value) ? s.value : null })),
      };
    },
  };
}

export const prometheusProbe = createPrometheusProbe();
