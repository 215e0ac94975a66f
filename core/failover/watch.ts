/**
 * Probes watched during a drill: each polls on its own interval and puts every change of answer on
 * the timeline (an HTTP status, a DNS answer, a query's value, a port opening). The probe kinds
 * are the shared ones from core/probes (validated when the drill loads); DNS is drill-specific.
 */
import { httpProbe } from '../probes/http.ts';
import { postgresProbe } from '../probes/postgres.ts';
import { tcpProbe } from '../probes/tcp.ts';
import type { Probe } from '../probes/types.ts';
import { type Clock, sleep } from './clock.ts';
import { askDns, resolverFor } from './dns.ts';
import type { ProbeConfig, ProbeSummary } from './types.ts';

export interface Observation {
  ok: boolean;
  value: string;
}

export type ChangeListener = (probe: string, previous: Observation | undefined, current: Observation) => void;

const SHARED: Record<'http' | 'tcp' | 'postgres', Probe<unknown>> = {
  http: httpProbe as Probe<unknown>,
  tcp: tcpProbe as Probe<unknown>,
  postgres: postgresProbe as Probe<unknown>,
};

function observer(config: ProbeConfig): (signal: AbortSignal) => Promise<Observation> {
  if (config.kind === 'dns') {
    const resolver = resolverFor(config.dns);
    return async () => askDns(resolver, config.dns);
  }
  const probe = SHARED[config.kind];
  return async (signal) => {
    try {
      const output = await probe.run(config.args, { signal });
      const value = config.kind === 'http' ? `HTTP ${output.value}` : config.kind === 'tcp' ? (output.ok ? 'open' : String(output.error ?? 'closed')) : JSON.stringify(output.value);
      return { ok: output.ok, value };
    } catch (error) {
      return { ok: false, value: (error as Error).message.slice(0, 200) };
    }
  };
}

export class ProbeWatch {
  private readonly stopper = new AbortController();
  private running?: Promise<void>;
  private readonly summary: ProbeSummary;
  private last?: Observation;

  private readonly config: ProbeConfig;
  private readonly clock: Clock;
  private readonly origin: number;
  private readonly onChange: ChangeListener;

  constructor(config: ProbeConfig, clock: Clock, origin: number, onChange: ChangeListener) {
    this.config = config;
    this.clock = clock;
    this.origin = origin;
    this.onChange = onChange;
    this.summary = { name: config.name, kind: config.kind, checks: 0, failures: 0, changes: 0, firstFailureOffsetMs: null, lastChangeOffsetMs: null, lastValue: null };
  }

  start(): void {
    const observe = observer(this.config);
    this.running ??= (async () => {
      while (!this.stopper.signal.aborted) {
        const started = this.clock.now();
        const current = await observe(AbortSignal.any([this.stopper.signal, AbortSignal.timeout(Math.max(this.config.intervalMs * 4, 2000))]));
        if (this.stopper.signal.aborted) break;
        const offset = Math.round(this.clock.now() - this.origin);
        this.summary.checks++;
        if (!current.ok) {
          this.summary.failures++;
          this.summary.firstFailureOffsetMs ??= offset;
        }
        if (this.last && (this.last.value !== current.value || this.last.ok !== current.ok)) {
          this.summary.changes++;
          this.summary.lastChangeOffsetMs = offset;
        }
        if (!this.last || this.last.value !== current.value || this.last.ok !== current.ok) this.onChange(this.config.name, this.last, current);
        this.last = current;
        this.summary.lastValue = current.value;
        await sleep(started + this.config.intervalMs - this.clock.now(), this.stopper.signal);
      }
    })();
  }

  async stop(): Promise<ProbeSummary> {
    this.stopper.abort();
    await this.running;
    return { ...this.summary };
  }
}
