/**
 * A drill's outcome as a result file (kind `failover`): RTO, outage, RPO, lost writes and WAL
 * bytes as measurements, the full outcome (objectives, timeline, probes, load) under details.
 * verdict: pass when every objective is met, fail when one is breached or writes never recovered.
 */
import { createResult, type FaultlineResult, type Measurement, type ResultSource } from '../result.ts';
import type { DrillOutcome } from './types.ts';

export const DEFAULT_RESULT_FILE = 'faultline-failover-result.json';

export function failoverMeasurements(outcome: DrillOutcome): Measurement[] {
  return [
    { name: 'rto', value: outcome.rtoSeconds, unit: 's', subject: outcome.name },
    { name: 'outage', value: outcome.outageSeconds, unit: 's', subject: outcome.name },
    { name: 'rpo', value: outcome.rpoSeconds, unit: 's', subject: outcome.name },
    { name: 'lost-writes', value: outcome.lostWrites, unit: 'writes', subject: outcome.name },
    { name: 'rpo-bytes', value: outcome.rpoBytes, unit: 'bytes', subject: outcome.name },
  ];
}

export function summaryLine(outcome: DrillOutcome): string {
  const parts = Object.entries(outcome.objectives).map(([name, o]) => `${name.toUpperCase()} ${o.actualSeconds ?? 'n/a'} s / ${o.targetSeconds} s ${o.status}`);
  return `${outcome.name}: ${outcome.verdict}${parts.length ? ` (${parts.join(', ')})` : ''}${outcome.recovered ? '' : ' — never recovered'}`;
}

export function failoverResult(outcome: DrillOutcome, options: { source?: ResultSource; configPath?: string }): FaultlineResult {
  const { startedAt, finishedAt, ...details } = outcome;
  return createResult({
    kind: 'failover',
    name: outcome.name,
    verdict: outcome.verdict === 'met' ? 'pass' : 'fail',
    summary: summaryLine(outcome),
    startedAt: new Date(startedAt),
    finishedAt: new Date(finishedAt),
    ...(options.source ? { source: options.source } : {}),
    measurements: failoverMeasurements(outcome),
    findings: outcome.reasons.map((reason) => ({ rule: outcome.recovered ? 'failover-objective' : 'failover-not-recovered', severity: outcome.verdict === 'met' ? ('warning' as const) : ('error' as const), message: reason, ...(options.configPath ? { path: options.configPath } : {}) })),
    details: { ...details, ...(options.configPath ? { config: options.configPath } : {}) },
  });
}

/** What every face writes when the drill could not decide: bad input, a crash, an interruption. */
export function failoverErrorResult(message: string, options: { name?: string; startedAt: Date; source?: ResultSource; configPath?: string }): FaultlineResult {
  return createResult({
    kind: 'failover',
    name: options.name ?? 'failover drill',
    verdict: 'error',
    summary: message.split('\n')[0]!.slice(0, 300),
    startedAt: options.startedAt,
    finishedAt: new Date(),
    ...(options.source ? { source: options.source } : {}),
    measurements: [
      { name: 'rto', value: null, unit: 's' },
      { name: 'rpo', value: null, unit: 's' },
    ],
    findings: [{ rule: 'failover-error', severity: 'error', message, ...(options.configPath ? { path: options.configPath } : {}) }],
  });
}
