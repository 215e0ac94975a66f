/**
 * One gate run, shared by the CLI and the action: read the given scanner outputs, run the tools
 * asked for, read the baseline and the suppressions, and evaluate. Bad input (an unreadable or
 * unrecognised file, a bad baseline, a malformed config) throws a FaultlineError; problems of the
 * scanners themselves become scan errors in the outcome, so a result file is still written.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { FaultlineError } from '../errors.ts';
import { type Baseline, baselineFromResult } from './baseline.ts';
import { evaluateSecurityGate, type SecurityOutcome } from './gate.ts';
import type { PathContext } from './paths.ts';
import { type KnownTool, parseJsonText, readReportText } from './read-report.ts';
import { runTool, type Spawner } from './runner.ts';
import { loadSecurityConfig, type Suppression } from './suppressions.ts';
import type { ScanError, Severity, ToolReport } from './types.ts';

export interface ScanFile {
  path: string;
  /** The input it came through, when that names a tool. */
  tool?: KnownTool;
  /** How to show the file in reports (workspace-relative). */
  label?: string;
}

export interface ScanRequest {
  files: readonly ScanFile[];
  run: readonly KnownTool[];
  failOn: Severity;
  /** Repository root: tools run here and paths are made relative to it. */
  root: string;
  baselineFile?: string;
  baselineLabel?: string;
  /** A baseline already read (e.g. from the base branch's artifact); wins over baselineFile. */
  baseline?: Baseline;
  /** Config file with `security.ignore`; read when given (a missing file given explicitly is an error). */
  configFile?: string;
  env: NodeJS.ProcessEnv;
  now?: Date;
  spawner?: Spawner;
  timeoutMs?: number;
  onTool?: (tool: KnownTool, message: string) => void;
}

export interface ScanRun {
  outcome: SecurityOutcome;
  reports: ToolReport[];
  suppressions: Suppression[];
  versions: Record<string, string>;
}

function readText(path: string, label: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FaultlineError(`cannot read the ${what} (${code ?? String(error)})`, {
      file: label,
      hint: code === 'ENOENT' ? 'check the path; did the step that writes it run (and write it there)?' : 'check the file permissions',
      cause: error,
    });
  }
}

export function loadBaseline(path: string, label = path): Baseline {
  return baselineFromResult(parseJsonText(readText(path, label, 'baseline result file'), label), label);
}

/** A baseline file, with its repository-relative path when it lies inside the repository (`root`). */
function baselineFromFile(root: string, path: string, label?: string): Baseline {
  const baseline = loadBaseline(path, label ?? path);
  const inRepo = relative(resolve(root), resolve(root, path));
  if (inRepo === '' || inRepo.startsWith('..') || isAbsolute(inRepo)) return baseline;
  return { ...baseline, file: inRepo.split(sep).join('/') };
}

export async function runSecurityScan(request: ScanRequest): Promise<ScanRun> {
  if (request.files.length === 0 && request.run.length === 0) {
    throw new FaultlineError('nothing to scan: no scanner output was given and no tool was asked to run', {
      hint: 'pass scanner outputs (snyk test --json, checkov -o json, tflint --format json, any SARIF) or ask to run snyk, checkov or tflint',
    });
  }
  const context: PathContext = { root: request.root };
  const reports: ToolReport[] = [];
  for (const file of request.files) {
    const label = file.label ?? file.path;
    reports.push(...readReportText(readText(file.path, label, 'scanner output'), label, context, file.tool));
  }
  const runErrors: ScanError[] = [];
  const versions: Record<string, string> = {};
  for (const tool of request.run) {
    request.onTool?.(tool, `running ${tool}`);
    const ran = await runTool(tool, { cwd: request.root, env: request.env, context, spawner: request.spawner, ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}) });
    reports.push(...ran.reports);
    runErrors.push(...ran.errors);
    if (ran.version) versions[tool] = ran.version;
    request.onTool?.(tool, ran.errors.length > 0 ? `${tool} failed: ${ran.errors[0]!.message.split('\n')[0]}` : `${tool} exited ${ran.exitCode}: ${ran.reports.reduce((n, r) => n + r.findings.length, 0)} finding(s)`);
  }
  const baseline = request.baseline ?? (request.baselineFile ? baselineFromFile(request.root, request.baselineFile, request.baselineLabel) : undefined);
  const suppressions = request.configFile ? loadSecurityConfig(request.configFile) : [];
  const outcome = evaluateSecurityGate({
    reports,
    ...(baseline ? { baseline } : {}),
    suppressions,
    failOn: request.failOn,
    ...(request.now ? { now: request.now } : {}),
    runErrors,
  });
  return { outcome, reports, suppressions, versions };
}
