/**
 * The experiment as a user writes it: Chaos Toolkit's format (so existing experiments run
 * unchanged) plus our `faultline` provider for fault drivers and probes, `guardrails` and `weight`.
 * Field names keep Chaos Toolkit's spelling (`steady-state-hypothesis`, `expected_status`).
 */

export type ProbeKind = 'http' | 'tcp' | 'prometheus' | 'postgres' | 'process' | 'command';
export const PROBE_KINDS: readonly ProbeKind[] = ['http', 'tcp', 'prometheus', 'postgres', 'process', 'command'];

/** Chaos Toolkit `http` provider. */
export interface HttpProvider {
  type: 'http';
  url: string;
  method?: string;
  headers?: Record<string, string>;
  arguments?: Record<string, unknown>;
  /** Seconds, or `[connect, read]` seconds as Chaos Toolkit (we use the sum). */
  timeout?: number | [number, number];
  expected_status?: number;
  verify_tls?: boolean;
  secrets?: string[];
}

/** Chaos Toolkit `process` provider: a string of arguments runs through a shell, a list does not. */
export interface ProcessProvider {
  type: 'process';
  path: string;
  arguments?: string | unknown[] | Record<string, unknown>;
  /** Seconds. */
  timeout?: number;
  secrets?: string[];
}

/** Chaos Toolkit `python` provider: accepted by the schema so we can say clearly we do not run it. */
export interface PythonProvider {
  type: 'python';
  module: string;
  func: string;
  arguments?: Record<string, unknown>;
  secrets?: string[];
}

/** Ours: a fault injected by a driver from core/drivers. */
export interface DriverProvider {
  type: 'faultline';
  driver: string;
  arguments?: Record<string, unknown>;
  secrets?: string[];
}

/** Ours: a probe from core/probes. */
export interface ProbeProvider {
  type: 'faultline';
  probe: ProbeKind;
  arguments?: Record<string, unknown>;
  secrets?: string[];
}

export type Provider = HttpProvider | ProcessProvider | PythonProvider | DriverProvider | ProbeProvider;

export type ToleranceObject =
  | { type: 'regex'; pattern: string; target?: string }
  | { type: 'jsonpath'; path: string; expect?: unknown; count?: number; target?: string }
  | { type: 'range'; range: [number, number]; target?: string }
  | ({ type: 'probe'; name?: string; provider: Provider } & Record<string, unknown>);

export type Tolerance = boolean | number | string | unknown[] | ToleranceObject;

export interface Activity {
  type: 'action' | 'probe';
  name: string;
  provider: Provider;
  tolerance?: Tolerance;
  /** Seconds; `${name}` placeholders are bound (and checked to be numbers) by prepare(). */
  pauses?: { before?: number | string; after?: number | string };
  background?: boolean;
  controls?: unknown[];
}

/** Chaos Toolkit ignores any other key beside `ref` (we warn about them). */
export interface ActivityRef {
  ref: string;
  [ignored: string]: unknown;
}

export type ActivityOrRef = Activity | ActivityRef;

export interface EnvValue {
  type: 'env';
  key: string;
  default?: unknown;
  env_var_type?: 'str' | 'int' | 'float' | 'bool' | 'json';
}

export type ConfigValue = string | number | boolean | null | EnvValue | Record<string, unknown> | unknown[];

export type HypothesisStrategy =
  | 'default'
  | 'before-method-only'
  | 'after-method-only'
  | 'during-method-only'
  | 'continuously';

export type RollbackStrategy = 'default' | 'always' | 'never' | 'deviated';

export interface Runtime {
  rollbacks?: { strategy?: RollbackStrategy };
  hypothesis?: { strategy?: HypothesisStrategy; frequency?: number; fail_fast?: boolean };
}

/** Our extension: probes checked while the method runs; any breach stops it and rolls back. */
export interface Guardrails {
  /** Seconds between two checks (default 1). */
  frequency?: number;
  probes: Activity[];
}

export interface Experiment {
  version?: string;
  title: string;
  description: string;
  tags?: string[];
  contributions?: Record<string, string>;
  configuration?: Record<string, ConfigValue>;
  secrets?: Record<string, Record<string, ConfigValue>>;
  extensions?: Record<string, unknown>[];
  controls?: unknown[];
  'steady-state-hypothesis'?: { title: string; probes?: ActivityOrRef[] };
  method: ActivityOrRef[];
  rollbacks?: ActivityOrRef[];
  runtime?: Runtime;
  guardrails?: Guardrails;
  /** Our extension: the experiment's weight in the resilience score across experiments (default 1). */
  weight?: number;
}

export function isRef(entry: ActivityOrRef): entry is ActivityRef {
  return typeof (entry as ActivityRef).ref === 'string';
}

export function isDriverProvider(provider: Provider): provider is DriverProvider {
  return provider.type === 'faultline' && typeof (provider as DriverProvider).driver === 'string';
}

export function isProbeProvider(provider: Provider): provider is ProbeProvider {
  return provider.type === 'faultline' && typeof (provider as ProbeProvider).probe === 'string';
}

/** Where an activity sits in the file, for messages: `method[2]` and its line. */
export interface ActivityLocation {
  pointer: string;
  line?: number;
  column?: number;
}

/** An activity with refs resolved and its place in the file remembered. */
export interface LocatedActivity {
  activity: Activity;
  location: ActivityLocation;
  /** Set by prepare(): the driver's checked parameters or the probe's checked arguments. */
  driverParams?: unknown;
  probeArgs?: unknown;
}

/** What load() returns: the experiment as written, refs resolved, and where each part sits. */
export interface LoadedExperiment {
  file: string;
  experiment: Experiment;
  hypothesis: LocatedActivity[];
  method: LocatedActivity[];
  rollbacks: LocatedActivity[];
  guardrails: LocatedActivity[];
  /** The `owner:<team>` tag, when present. */
  owner?: string;
  /** Keys Chaos Toolkit would ignore, controls skipped by --ignore-controls: `file:line:col: key: what`. */
  warnings: string[];
  /** Line and column of a JSON pointer in the file. */
  locate(pointer: string, atKey?: boolean): { line: number; column: number } | undefined;
}
