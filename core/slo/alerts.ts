/**
 * Multi-window, multi-burn-rate alerts (Google SRE Workbook, "Alerting on SLOs", table 5-8): an
 * alert fires when both a long window (it is significant) and a short window (it is still going
 * on) burn at least the factor. Page beats ticket.
 */
import type { AlertState, BurnWindow } from './types.ts';

export interface BurnRateCondition {
  /** A PromQL duration: one of BURN_WINDOWS for the Workbook's, any for a spec's own (Pyrra). */
  long: BurnWindow | string;
  short: BurnWindow | string;
  burnRate: number;
}

export interface AlertThresholds {
  page: BurnRateCondition[];
  ticket: BurnRateCondition[];
}

/** 2 % of a 30-day budget in 1 h, 5 % in 6 h (page); 10 % in 1 d, 10 % in 3 d (ticket). */
export const WORKBOOK_THRESHOLDS: AlertThresholds = {
  page: [
    { long: '1h', short: '5m', burnRate: 14.4 },
    { long: '6h', short: '30m', burnRate: 6 },
  ],
  ticket: [
    { long: '1d', short: '2h', burnRate: 3 },
    { long: '3d', short: '6h', burnRate: 1 },
  ],
};

function fires(condition: BurnRateCondition, burnRates: Readonly<Record<string, number | null>>): boolean {
  const long = burnRates[condition.long] ?? null;
  const short = burnRates[condition.short] ?? null;
  // A window without data cannot prove a burn; no-data is reported separately, never as quiet.
  return long !== null && short !== null && long >= condition.burnRate && short >= condition.burnRate;
}

export interface AlertEvaluation {
  state: AlertState;
  /** The conditions that fire, e.g. "1h and 5m burn ≥ 14.4". */
  firing: string[];
}

export function describeCondition(condition: BurnRateCondition): string {
  return `${condition.long} and ${condition.short} burn ≥ ${condition.burnRate}`;
}

export function evaluateAlert(burnRates: Readonly<Record<string, number | null>>, thresholds: AlertThresholds = WORKBOOK_THRESHOLDS): AlertEvaluation {
  const page = thresholds.page.filter((c) => fires(c, burnRates));
  if (page.length > 0) return { state: 'page', firing: page.map(describeCondition) };
  const ticket = thresholds.ticket.filter((c) => fires(c, burnRates));
  if (ticket.length > 0) return { state: 'ticket', firing: ticket.map(describeCondition) };
  return { state: 'none', firing: [] };
}
