/**
 * One SLO as the engine sees it, whatever spec format it came from (OpenSLO v1, Sloth
 * prometheus/v1). Ratios are fractions (0.999), never percent.
 */

/**
 * Occurrences: bad events ÷ events. Timeslices: bad slices ÷ slices (a slice is bad when its
 * error ratio exceeds 1 − its slice target). RatioTimeslices: the mean of the slices' error ratios.
 */
export type BudgetingMethod = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';

export type SloWindow =
  | { kind: 'rolling'; /** as written, e.g. `28d` */ duration: string; seconds: number }
  | {
      kind: 'calendar';
      duration: string;
      /** Nominal length (a month counts 30 days, a quarter 90, a year 365). */
      seconds: number;
      unit: 'Minute' | 'Hour' | 'Day' | 'Week' | 'Month' | 'Quarter' | 'Year';
      startTime?: string;
      /** IANA time zone of `startTime` (OpenSLO `calendar.timeZone`). */
      timeZone?: string;
    };

/**
 * PromQL templates with `{{window}}` standing for a range such as `5m` or `28d`. The error ratio
 * over a window is `errors / total`, where errors is either `bad` or `total - good`.
 */
export interface RatioIndicator {
  kind: 'ratio';
  good?: string;
  bad?: string;
  total: string;
  /**
   * Set when the templates count the points of a subquery taken every `sampleStep` (an OpenSLO
   * thresholdMetric). Their windows are then rendered one second short, so a window holds exactly
   * window ÷ step points whether the server's ranges are closed (Prometheus 2) or left-open (3).
   */
  sampleStep?: string;
}

export interface SloDefinition {
  /** Unique name (OpenSLO metadata.name; Sloth `<service>-<slo name>`). */
  name: string;
  service: string;
  displayName?: string;
  description?: string;
  /** Objective as a fraction, e.g. 0.999. */
  target: number;
  window: SloWindow;
  budgetingMethod: BudgetingMethod;
  /**
   * Timeslices and RatioTimeslices: the slice length, and (Timeslices only) the fraction of good
   * events that makes a slice good.
   */
  timeslice?: { target?: number; window: string; seconds: number };
  indicator: RatioIndicator;
  labels?: Record<string, string>;
  /** Alert naming and routing from the spec (Sloth `alerting`); rule generation applies it. */
  alerting?: SloAlerting;
  /**
   * The spec's own multi-window burn-rate alerts (Pyrra scales its windows with the SLO window);
   * without it the Workbook's apply. Windows are PromQL durations.
   */
  burnRateAlerts?: { page: SloBurnCondition[]; ticket: SloBurnCondition[] };
  /** Keys the spec's own tool ignores, and what Faultline reads differently: `file:line: key: what`. */
  warnings?: string[];
  /** Where it was defined, for errors and links. */
  source: { file: string; line?: number; /** Key path of its name, e.g. `slos[0].name`. */ key?: string };
}

export interface SloBurnCondition {
  long: string;
  short: string;
  burnRate: number;
}

export interface SloAlertSeverityOptions {
  /** Sloth `disable: true`: generate no alert rule of this severity. */
  disable?: boolean;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface SloAlerting {
  /** Alert name (Sloth `alerting.name`); default `SloErrorBudgetBurn`. */
  name?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  page?: SloAlertSeverityOptions;
  ticket?: SloAlertSeverityOptions;
}

/** Burn-rate windows the engine reports, in this order. */
export const BURN_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
export type BurnWindow = (typeof BURN_WINDOWS)[number];

export type AlertState = 'none' | 'ticket' | 'page';
export type SloVerdict = 'pass' | 'fail' | 'no-data';
