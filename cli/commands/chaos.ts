/**
 * `faultline chaos run FILE [--dry-run] [--journal FILE] [--var KEY=VALUE]... [--ledger FILE] [--config FILE]`
 * `faultline chaos validate FILE [--var KEY=VALUE]... [--config FILE]`
 * `faultline chaos rollback [--ledger FILE]`
 * Exit 0: completed and steady state held; 1: deviated, failed, aborted or interrupted; 2: invalid
 * experiment or usage. Progress goes to stderr; on SIGINT/SIGTERM everything in the ledger is
 * rolled back before we exit.
 */
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { drivers } from '../../core/drivers/index.ts';
import { FaultlineError } from '../../core/errors.ts';
import { CHAOS_CONFIG_FILE, loadChaosPolicy } from '../../core/experiment/chaos-config.ts';
import { parseVars, readExperiment } from '../../core/experiment/engine.ts';
import { shellArgumentNotes } from '../../core/experiment/bindings.ts';
import type { ResultSource } from '../../core/result.ts';
import { configSource, sourceFromRun } from '../../core/result-source.ts';
import { findConfigFile } from '../config-file.ts';
import type { Journal } from '../../core/experiment/journal.ts';
import { journalSucceeded } from '../../core/experiment/journal.ts';
import { Ledger, revertAll } from '../../core/experiment/ledger.ts';
import { formatPlan, planExperiment } from '../../core/experiment/plan.ts';
import { missingPrograms } from '../../core/experiment/process-paths.ts';
import { keyPath } from '../../core/schema/validate.ts';
import { type ChaosPolicy, DEFAULT_CHAOS_POLICY } from '../../core/experiment/policy.ts';
import { chaosResult } from '../../core/experiment/result.ts';
import { type RunEvent, runExperiment } from '../../core/experiment/runner.ts';
import { probes } from '../../core/probes/index.ts';
import type { CliCommand, CliIO } from '../io.ts';
import { writeLine } from '../io.ts';

const USAGE = `Usage:
  faultline chaos run FILE [--dry-run] [--journal FILE] [--var KEY=VALUE]... [--ledger FILE] [--result FILE] [--config FILE] [--ignore-controls]
  faultline chaos validate FILE [--var KEY=VALUE]... [--config FILE] [--ignore-controls]
  faultline chaos rollback [--ledger FILE]

  run        runs a Chaos Toolkit experiment (JSON/YAML) with faultline's drivers and probes
  validate   checks the file (schema, refs, drivers' arguments, owner policy, process programs) without running it
  rollback   reverts every fault a crashed or killed run left in the ledger

Options:
  --dry-run         print the plan (what, where, how long, how undone) and touch nothing
  --journal FILE    where to write the journal (default journal.json)
  --var KEY=VALUE   override a configuration value (repeatable)
  --ledger FILE     fault ledger (default .faultline/chaos-ledger.json)
  --result FILE     also write a faultline result file (kind chaos)
  --config FILE     config whose chaos: section sets the policy (owner tag, allowed drivers,
                    max TTL, blast radius, max faults); default ${CHAOS_CONFIG_FILE} when present,
                    here or in a folder above, up to the repository root
  --ignore-controls run without the experiment's Chaos Toolkit controls (e.g. safeguards), which
                    Faultline never runs; without it an experiment with controls is refused

Exit codes: 0 steady state held; 1 deviated, failed, aborted or interrupted; 2 invalid input.`;

interface Flags {
  file?: string;
  dryRun: boolean;
  journal: string;
  ledger: string;
  result?: string;
  config?: string;
  vars: string[];
  ignoreControls: boolean;
}

function usageError(message: string): FaultlineError {
  return new FaultlineError(message, { hint: "run 'faultline chaos --help'" });
}

function parseFlags(args: string[], cwd: string): Flags {
  const flags: Flags = { dryRun: false, journal: 'journal.json', ledger: '.faultline/chaos-ledger.json', vars: [], ignoreControls: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw usageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--dry-run':
        flags.dryRun = true;
        break;
      case '--ignore-controls':
        flags.ignoreControls = true;
        break;
      case '--journal':
        flags.journal = value();
        break;
      case '--ledger':
        flags.ledger = value();
        break;
      case '--result':
        flags.result = value();
        break;
      case '--var':
        flags.vars.push(value());
        break;
      case '--config':
        flags.config = value();
        break;
      default:
        if (arg.startsWith('-')) throw usageError(`unknown option ${arg}`);
        if (flags.file) throw usageError(`one experiment file at a time (got ${flags.file} and ${arg})`);
        flags.file = arg;
    }
  }
  flags.journal = resolve(cwd, flags.journal);
  flags.ledger = resolve(cwd, flags.ledger);
  if (flags.result) flags.result = resolve(cwd, flags.result);
  return flags;
}

function readFile(file: string | undefined, io: CliIO): { path: string; text: string } {
  if (!file) throw usageError('which experiment? give the file: faultline chaos run FILE');
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw new FaultlineError(`experiment file not found: ${file}`, { hint: 'check the path (relative to the current directory)' });
  if (statSync(path).isDirectory()) {
    throw new FaultlineError(`${file} is a folder; give one experiment file`, { hint: 'for example: faultline chaos validate examples/experiments/demo-kill-service.yaml' });
  }
  return { path, text: readFileSync(path, 'utf8') };
}

/**
 * --config FILE must be readable; without it, the repository's .github/faultline.yml (found from
 * a subfolder too) applies when there is one.
 */
function chaosPolicy(flags: Flags, io: CliIO): ChaosPolicy {
  if (flags.config !== undefined) return loadChaosPolicy(resolve(io.cwd, flags.config), flags.config);
  const found = findConfigFile(io.cwd);
  return found ? loadChaosPolicy(found.path, found.shown) : DEFAULT_CHAOS_POLICY;
}

/**
 * What the CLI's result file can say about where it comes from: the config it read (blob SHA) and,
 * inside a GitHub Actions `run:` step, the run (head SHA from the event payload, run id, attempt).
 */
function resultSource(flags: Flags, io: CliIO): ResultSource {
  let payload: Record<string, unknown> | undefined;
  try {
    if (io.env.GITHUB_EVENT_PATH) payload = JSON.parse(readFileSync(io.env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>;
  } catch {
    payload = undefined;
  }
  const found = flags.config === undefined ? findConfigFile(io.cwd) : undefined;
  const config = found?.path ?? resolve(io.cwd, flags.config ?? CHAOS_CONFIG_FILE);
  const bytes = existsSync(config) ? readFileSync(config) : undefined;
  // The path as the repository names it, wherever in it the command ran.
  return { ...sourceFromRun(io.env, payload), ...(bytes ? configSource(found?.root ?? io.cwd, config, bytes) : {}) };
}

function kubeconfig(io: CliIO): string | undefined {
  const fromEnv = io.env.KUBECONFIG?.split(delimiter)[0];
  if (fromEnv) return fromEnv;
  const home = join(io.env.HOME ?? homedir(), '.kube', 'config');
  return existsSync(home) ? home : undefined;
}

function progress(io: CliIO, event: RunEvent): void {
  switch (event.type) {
    case 'phase':
      writeLine(io.stderr, `── ${event.phase === 'before' ? 'steady state (before)' : event.phase === 'after' ? 'steady state (after)' : event.phase}`);
      break;
    case 'activity': {
      const { run } = event;
      const tolerance = run.tolerance_met === undefined ? '' : run.tolerance_met ? ' — within tolerance' : ` — OUTSIDE tolerance: ${run.tolerance_reason ?? ''}`;
      const failed = run.status === 'failed' ? ` — failed: ${run.exception?.[0] ?? ''}` : '';
      writeLine(io.stderr, `   ${run.status === 'failed' || run.tolerance_met === false ? '✗' : '✓'} ${run.activity.name}${failed || tolerance} (${run.duration.toFixed(2)} s)`);
      break;
    }
    case 'breach':
      writeLine(io.stderr, `   ! ${event.breach.source} "${event.breach.probe}" breached: ${event.breach.reason}; faults removed ${event.breach.faults_removed_ms ?? '?'} ms after the breach was observed`);
      break;
    case 'note':
      writeLine(io.stderr, `   · ${event.message}`);
      break;
  }
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

function verdictLine(journal: Journal, journalPath: string): string {
  const held = journalSucceeded(journal);
  return `${held ? 'steady state held' : `${journal.status}${journal.deviated ? ', deviated' : ''}`}: "${journal.experiment.title}" — ${journal.faultline.score === undefined ? 'not scored (interrupted)' : `score ${journal.faultline.score.toFixed(1)}`}; journal ${journalPath}${journal.faultline.reason ? `\n  ${journal.faultline.reason}` : ''}`;
}

async function run(args: string[], io: CliIO): Promise<number> {
  const flags = parseFlags(args, io.cwd);
  const { path, text } = readFile(flags.file, io);
  const vars = parseVars(flags.vars, '--var');
  const { prepared } = readExperiment(text, flags.file!, { drivers, env: io.env, vars, policy: chaosPolicy(flags, io), ignoreControls: flags.ignoreControls });
  printWarnings(io, prepared.warnings);
  if (flags.dryRun) {
    writeLine(io.stdout, formatPlan(planExperiment(prepared, drivers, probes)));
    return 0;
  }
  const ledger = new Ledger(flags.ledger);
  const leftover = ledger.entries();
  if (leftover.length > 0) {
    throw new FaultlineError(`the ledger ${flags.ledger} still lists ${leftover.length} fault(s) from an earlier run (${leftover.map((e) => `"${e.activity}"`).join(', ')})`, {
      hint: `revert them first: faultline chaos rollback --ledger ${flags.ledger}`,
    });
  }
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      writeLine(io.stderr, `faultline chaos: ${signal} again — still rolling back, please wait`);
      return;
    }
    writeLine(io.stderr, `faultline chaos: ${signal} — rolling back every fault in the ledger`);
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let journal: Journal;
  try {
    writeLine(io.stderr, `faultline chaos: running "${prepared.experiment.title}" from ${path}`);
    journal = await runExperiment(prepared, {
      drivers,
      probes,
      ledger,
      signal: controller.signal,
      searchPath: (io.env.PATH ?? '').split(delimiter).filter(Boolean),
      cwd: io.cwd,
      kubeconfig: kubeconfig(io),
      onEvent: (event) => progress(io, event),
    });
  } finally {
    // Whatever the runner could not revert stays in the ledger; make sure nothing else is left.
    const report = await revertAll(flags.ledger, { drivers, kubeconfig: kubeconfig(io), log: (m) => writeLine(io.stderr, `   · ${prepared.redactor.text(m)}`) });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (report.failed.length > 0) {
      writeLine(io.stderr, `faultline chaos: ${report.failed.length} fault(s) could not be reverted and stay in ${flags.ledger}; run 'faultline chaos rollback --ledger ${flags.ledger}'`);
    }
  }
  writeJson(flags.journal, journal);
  if (flags.result) writeJson(flags.result, chaosResult(journal, { journalPath: flags.journal, source: resultSource(flags, io) }));
  writeLine(io.stdout, verdictLine(journal, flags.journal));
  return journalSucceeded(journal) ? 0 : 1;
}

function validate(args: string[], io: CliIO): number {
  const flags = parseFlags(args, io.cwd);
  const { text } = readFile(flags.file, io);
  const policy = chaosPolicy(flags, io);
  const { prepared, faults } = readExperiment(text, flags.file!, {
    drivers,
    env: io.env,
    vars: parseVars(flags.vars, '--var'),
    lenient: true,
    policy,
    ignoreControls: flags.ignoreControls,
  });
  printWarnings(io, prepared.warnings);
  refuseMissingPrograms(prepared, io);
  const probesCount = prepared.hypothesis.length + prepared.guardrails.length;
  const unresolved = prepared.bindings.unresolved;
  writeLine(
    io.stdout,
    `${flags.file}: valid experiment "${prepared.experiment.title}" — ${probesCount} steady-state/guardrail probe(s), ${prepared.method.length} method activit${prepared.method.length === 1 ? 'y' : 'ies'}, ${faults.length} fault(s)${prepared.owner ? `, owner ${prepared.owner}` : ''}; policy ${policy.source ?? 'built-in'}`,
  );
  for (const note of shellArgumentNotes(prepared.experiment)) writeLine(io.stderr, `warning: ${note}`);
  printWarnings(io, prepared.bindings.unresolvedWarnings);
  if (unresolved.length > 0) {
    writeLine(io.stderr, `note: ${unresolved.join(', ')} come${unresolved.length === 1 ? 's' : ''} from environment variables not set here; arguments using them were not checked`);
  }
  return 0;
}

function printWarnings(io: CliIO, warnings: string[]): void {
  for (const warning of warnings) writeLine(io.stderr, `warning: ${warning}`);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Chaos Toolkit's validate refuses a process program it cannot find; `run` would fail on it. */
function refuseMissingPrograms(prepared: ReturnType<typeof readExperiment>['prepared'], io: CliIO): void {
  const missing = missingPrograms(prepared, { searchPath: (io.env.PATH ?? '').split(delimiter).filter(Boolean), cwd: io.cwd, isExecutable });
  if (missing.length === 0) return;
  const lines = missing.map(({ entry, path, pointer }) => {
    const at = prepared.locate(pointer) ?? entry.location;
    return `  ${prepared.file}${at.line ? `:${at.line}:${at.column}` : ''}: ${keyPath(pointer)} ("${entry.activity.name}"): program "${path}" is not found${path.includes('/') ? '' : ' on PATH'} or not executable`;
  });
  const first = missing[0]!;
  throw new FaultlineError(`invalid experiment (${missing.length} problem${missing.length > 1 ? 's' : ''}):\n${lines.join('\n')}`, {
    file: prepared.file,
    line: prepared.locate(first.pointer)?.line ?? first.entry.location.line,
    hint: 'install the program, fix the path, or run validate where the experiment will run',
  });
}

async function rollback(args: string[], io: CliIO): Promise<number> {
  const flags = parseFlags(args, io.cwd);
  if (flags.file) throw usageError('rollback takes no experiment file, only --ledger FILE');
  // A mistyped ledger path must not read as "nothing to roll back": that would hide live faults.
  if (!existsSync(flags.ledger)) {
    throw new FaultlineError(`ledger not found: ${flags.ledger}`, { hint: 'give the ledger the run wrote (--ledger FILE; chaos run prints its path), or check the current directory' });
  }
  const report = await revertAll(flags.ledger, { drivers, kubeconfig: kubeconfig(io), log: (m) => writeLine(io.stderr, m) });
  const total = report.reverted.length + report.failed.length + report.unconfirmed.length;
  writeLine(io.stdout, total === 0 ? `nothing to roll back: ${flags.ledger} lists no faults` : `reverted ${report.reverted.length}, failed ${report.failed.length}, unconfirmed ${report.unconfirmed.length}`);
  return report.failed.length > 0 || report.unconfirmed.length > 0 ? 1 : 0;
}

export const command: CliCommand = {
  name: 'chaos',
  summary: 'run, validate or roll back chaos experiments (Chaos Toolkit format)',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (!sub || sub === '--help' || sub === '-h' || rest.includes('--help')) {
      writeLine(sub ? io.stdout : io.stderr, USAGE);
      return sub ? 0 : 2;
    }
    switch (sub) {
      case 'run':
        return run(rest, io);
      case 'validate':
        return validate(rest, io);
      case 'rollback':
        return rollback(rest, io);
      default:
        throw usageError(`unknown chaos subcommand '${sub}' (run, validate, rollback)`);
    }
  },
};
