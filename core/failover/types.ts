/**
 * A failover drill as loaded and checked (durations in milliseconds), and what a run of it
 * measured. Every interval is taken from the verifying process's monotonic clock; wall times are
 * kept only for display.
 */

export interface PostgresWriterConfig {
  kind: 'postgres';
  urls: string[];
  table: string;
}

export interface HttpWriterConfig {
  kind: 'http';
  url: string;
  method: 'POST' | 'PUT' | 'PATCH';
  headers: Record<string, string>;
  readbackUrl: string;
}

export type WriterConfig = (PostgresWriterConfig | HttpWriterConfig) & { intervalMs: number; timeoutMs: number };

export type ProbeConfig =
  | { name: string; intervalMs: number; kind: 'http'; args: unknown }
  | { name: string; intervalMs: number; kind: 'tcp'; args: unknown }
  | { name: string; intervalMs: number; kind: 'postgres'; args: unknown }
  | { name: string; intervalMs: number; kind: 'dns'; dns: DnsQuery };

export interface DnsQuery {
  name: string;
  type: 'A' | 'AAAA' | 'CNAME' | 'TXT';
  /** host or host:port; undefined: the system's resolvers. */
  server?: string;
  timeoutMs: number;
}

/** argv (no shell) — a shell string is turned into ['/bin/sh', '-c', text] when loaded. */
export type Command = { argv: string[]; shell: boolean };

export type FaultConfig = { kind: 'command'; command: Command } | { kind: 'experiment'; path: string } | { kind: 'manual' };

export interface Drill {
  name: string;
  /** The file it came from, for messages. */
  file: string;
  objectives: { rtoMs?: number; rpoMs?: number };
  writer: WriterConfig;
  probes: ProbeConfig[];
  load?: { command: Command; summaryPath?: string };
  fault: FaultConfig;
  recovery: { timeoutMs: number; settleMs: number };
  /** Folder relative paths (experiment, load summary) are resolved against and commands run in. */
  baseDir: string;
}

/** One heartbeat: sent at `sentAt`, acknowledged at `ackedAt` (monotonic ms) or failed. */
export interface HeartbeatAttempt {
  seq: number;
  sentAt: number;
  sentWall: string;
  ackedAt?: number;
  ackedWall?: string;
  /** When a failed write gave up (monotonic ms). */
  endedAt?: number;
  /** Which writer target took it (URL without password) or was last tried. */
  target?: string;
  error?: string;
}

export type TimelineSource = 'drill' | 'fault' | 'writer' | 'probe' | 'load';

export interface TimelineEvent {
  /** Milliseconds since the drill started (monotonic). */
  offsetMs: number;
  wall: string;
  source: TimelineSource;
  /** Short name: fault-start, last-good-write, first-good-write, writer-switch, probe-change... */
  event: string;
  detail?: string;
}

export type ObjectiveStatus = 'met' | 'breached';

/** Resilience Hub's shape: the target, what the drill measured, and the verdict. */
export interface ObjectiveVerdict {
  targetSeconds: number;
  actualSeconds: number | null;
  status: ObjectiveStatus;
  reason?: string;
}

export interface ProbeSummary {
  name: string;
  kind: string;
  checks: number;
  failures: number;
  /** Answers that differed from the one before (DNS answer changes, status changes...). */
  changes: number;
  firstFailureOffsetMs: number | null;
  lastChangeOffsetMs: number | null;
  lastValue: string | null;
}

export interface LoadSummary {
  command: string;
  exitCode: number | null;
  /** From the k6 summary when one was given and readable. */
  p95Ms: number | null;
  errorRate: number | null;
  requests: number | null;
  summaryError?: string;
}

export interface DrillOutcome {
  name: string;
  verdict: ObjectiveStatus;
  reasons: string[];
  recovered: boolean;
  rtoSeconds: number | null;
  outageSeconds: number | null;
  rpoSeconds: number | null;
  lostWrites: number | null;
  /** Acknowledged writes; writes that were never acknowledged but survived anyway. */
  acknowledgedWrites: number;
  unacknowledgedSurvivors: number | null;
  rpoBytes: number | null;
  rpoBytesReason?: string;
  objectives: { rto?: ObjectiveVerdict; rpo?: ObjectiveVerdict };
  timeline: TimelineEvent[];
  probes: ProbeSummary[];
  load: LoadSummary | null;
  writer: { kind: string; intervalMs: number; attempts: number; finalTarget: string | null; jitterP50Ms: number | null; jitterP99Ms: number | null };
  startedAt: string;
  finishedAt: string;
}
