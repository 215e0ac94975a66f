/** Every probe behind the `faultline` provider's `probe:` name. */
import type { ProbeKind } from '../experiment/model.ts';
import { commandProbe } from './command.ts';
import { httpProbe } from './http.ts';
import { postgresProbe } from './postgres.ts';
import { processProbe } from './process-alive.ts';
import { prometheusProbe } from './prometheus.ts';
import { tcpProbe } from './tcp.ts';
import type { Probe } from './types.ts';

export type ProbeRegistry = Record<ProbeKind, Probe<unknown>>;

export const probes: ProbeRegistry = {
  http: httpProbe as Probe<unknown>,
  tcp: tcpProbe as Probe<unknown>,
  prometheus: prometheusProbe as Probe<unknown>,
  postgres: postgresProbe as Probe<unknown>,
  process: processProbe as Probe<unknown>,
  command: commandProbe as Probe<unknown>,
};
