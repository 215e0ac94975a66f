/**
 * The `--format json` document of the migration gate. Its shape is public (scripts parse it), so
 * findings carry exactly the documented keys, in a fixed order, and nothing else. Totals say what
 * was checked (a script need not recount), each finding says whether the rules found it
 * (`static`) or the shadow run saw it happen (`observed`), and a shadow run adds what it observed.
 */
import type { ShadowReport } from '../migrations/shadow-types.ts';
import type { Blocked, Finding, LintReport, LockMode, Severity } from '../migrations/types.ts';
import { countFindings, type MigrationsCounts } from './migrations-counts.ts';

export interface MigrationsJsonFinding {
  rule: string;
  severity: Severity;
  line: number;
  column: number;
  message: string;
  lock: LockMode | null;
  blocks: Blocked[];
  rewrite: boolean;
  fix: string | null;
  source: 'static' | 'observed';
}

export interface MigrationsJsonFile {
  path: string;
  statements: number;
  findings: MigrationsJsonFinding[];
}

export interface MigrationsJsonShadowStatement {
  path: string;
  line: number;
  column: number;
  observedBy: string;
  durationMs: number;
  lockTimeoutMs: number;
  locks: { relation: string; mode: LockMode; preExisting: boolean }[];
  rewrote: { relation: string; preExisting: boolean }[];
  error: { message: string; sqlState: string; line: number; column: number } | null;
}

/** What the shadow run observed on a real server. */
export interface MigrationsJsonShadow {
  /** server_version_num, e.g. 170002. */
  serverVersion: number;
  startedFrom: string | null;
  completed: boolean;
  refused: boolean;
  statements: { total: number; applied: number };
  observations: MigrationsJsonShadowStatement[];
}

export interface MigrationsJson {
  version: 1;
  totals: MigrationsCounts;
  files: MigrationsJsonFile[];
  shadow?: MigrationsJsonShadow;
}

export function toJsonFinding(finding: Finding): MigrationsJsonFinding {
  return {
    rule: finding.rule,
    severity: finding.severity,
    line: finding.line,
    column: finding.column,
    message: finding.message,
    lock: finding.lock ?? null,
    blocks: [...finding.blocks],
    rewrite: finding.rewrite,
    fix: finding.fix ?? null,
    source: finding.source === 'shadow' ? 'observed' : 'static',
  };
}

function toJsonShadow(shadow: ShadowReport): MigrationsJsonShadow {
  return {
    serverVersion: shadow.serverVersion,
    startedFrom: shadow.startedFrom ?? null,
    completed: shadow.completed,
    refused: shadow.refused === true,
    statements: { total: shadow.files.reduce((n, f) => n + f.statements, 0), applied: shadow.files.reduce((n, f) => n + f.applied, 0) },
    observations: shadow.statements.map((s) => ({
      path: s.path,
      line: s.line,
      column: s.column,
      observedBy: s.observedBy,
      durationMs: s.durationMs,
      lockTimeoutMs: s.lockTimeoutMs,
      locks: s.locks.map((l) => ({ relation: l.relation, mode: l.mode, preExisting: l.preExisting })),
      rewrote: s.rewrote.map((r) => ({ relation: r.relation, preExisting: r.preExisting })),
      error: s.error ? { message: s.error.message, sqlState: s.error.sqlState, line: s.error.line, column: s.error.column } : null,
    })),
  };
}

export function toMigrationsJson(report: LintReport, shadow?: ShadowReport): MigrationsJson {
  // Totals and statement counts follow what they count, as the streamed writer must write them.
  return {
    version: 1,
    files: report.files.map((file) => ({ path: file.path, findings: file.findings.map(toJsonFinding), statements: file.statements })),
    totals: countFindings(report),
    ...(shadow ? { shadow: toJsonShadow(shadow) } : {}),
  };
}

/** One JSON document and a newline: what `faultline migrations lint --format json` prints. */
export function renderMigrationsJson(report: LintReport, shadow?: ShadowReport): string {
  return `${JSON.stringify(toMigrationsJson(report, shadow), null, 2)}\n`;
}
