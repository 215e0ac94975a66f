/**
 * `faultline failover verify|validate`: a face over core/failover. verify runs the drill with live
 * progress on stderr and always writes the result file (verdict error when it could not decide);
 * exit 0 when every objective is met, 1 when one is breached or writes never recovered (or the
 * drill was interrupted), 2 for bad input (drill file, unreachable writer at the start).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { describeError, FaultlineError } from '../../core/errors.ts';
import { formatSeconds } from '../../core/failover/duration.ts';
import { DEFAULT_RESULT_FILE, failoverErrorResult, failoverResult, summaryLine } from '../../core/failover/result.ts';
import type { Drill } from '../../core/failover/types.ts';
import { readDrillFile, verifyDrill } from '../../core/failover/verify.ts';
import { renderFailoverMarkdown } from '../../core/report/failover-markdown.ts';
import { type CliCommand, type CliIO, writeLine } from '../io.ts';
import { isParseArgsError, parseArgsMessage } from '../args.ts';

const USAGE = `Usage:
  faultline failover verify --config FILE [--result FILE] [--report FILE.md] [--ledger FILE]
  faultline failover validate --config FILE

verify runs a failover drill: heartbeat writes, the fault, then RTO (fault → first good write),
the outage, and RPO (acknowledged writes lost, read back from the side that accepts writes now),
each judged against the drill's objectives. Progress goes to stderr.

Options:
  --config FILE     the drill (YAML or JSON; schema policy/schemas/drill.schema.json)
  --result FILE     result file (default ${DEFAULT_RESULT_FILE})
  --report FILE.md  also write the Markdown drill report
  --ledger FILE     fault ledger for experiment faults (default .faultline/failover-ledger.json)

Exit codes: 0 objectives met, 1 breached, never recovered or interrupted, 2 bad input.`;

function usageError(message: string): FaultlineError {
  return new FaultlineError(message, { hint: "run 'faultline failover --help' for the options" });
}

function parse(args: string[], options: ParseArgsOptionsConfig) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true });
  } catch (error) {
    throw usageError(isParseArgsError(error) ? parseArgsMessage(error) : (error as Error).message);
  }
}

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

async function verify(args: string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { config: { type: 'string' }, result: { type: 'string' }, report: { type: 'string' }, ledger: { type: 'string' } });
  if (!values.config) throw usageError('--config FILE is required (the drill to run)');
  const resultPath = resolve(io.cwd, (values.result as string | undefined) ?? DEFAULT_RESULT_FILE);
  const reportPath = values.report ? resolve(io.cwd, values.report as string) : undefined;
  const startedAt = new Date();
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    writeLine(io.stderr, `faultline failover: ${signal} — stopping the fault, the load and the writers`);
    controller.abort(`interrupted by ${signal}`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let drill: Drill | undefined;
  let failure = 'the drill stopped before it could decide';
  let written = false;
  try {
    drill = readDrillFile(values.config as string, io.cwd, io.env);
    writeLine(io.stderr, `faultline failover: drill "${drill.name}" — ${drill.writer.kind} heartbeats every ${drill.writer.intervalMs} ms, fault ${drill.fault.kind}`);
    const outcome = await verifyDrill(drill, {
      cwd: io.cwd,
      env: io.env,
      signal: controller.signal,
      ledgerPath: resolve(io.cwd, (values.ledger as string | undefined) ?? '.faultline/failover-ledger.json'),
      onEvent: (event) => writeLine(io.stderr, `  ${(event.offsetMs / 1000).toFixed(2).padStart(8)} s  ${event.source.padEnd(6)} ${event.event}${event.detail ? `  ${event.detail}` : ''}`),
      onProgress: (p) =>
        writeLine(io.stderr, `  ${(p.elapsedMs / 1000).toFixed(1).padStart(8)} s  ${p.phase}: ${p.writesPerSecond} writes/s to ${p.target ?? 'none'}${p.outageMs !== null ? `, outage so far ${formatSeconds(p.outageMs / 1000)}` : ''}`),
      log: (message) => writeLine(io.stderr, `  · ${message}`),
    });
    writeFile(resultPath, `${JSON.stringify(failoverResult(outcome, { configPath: values.config as string }), null, 2)}\n`);
    written = true;
    if (reportPath) writeFile(reportPath, renderFailoverMarkdown(outcome));
    writeLine(io.stdout, summaryLine(outcome));
    for (const reason of outcome.reasons) writeLine(io.stdout, `  ${reason}`);
    writeLine(io.stdout, `result: ${resultPath}`);
    return outcome.verdict === 'met' ? 0 : 1;
  } catch (error) {
    failure = describeError(error);
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // Every run leaves a result, even one that could not decide (the error itself is printed by main).
    if (!written) {
      try {
        writeFile(resultPath, `${JSON.stringify(failoverErrorResult(failure, { name: drill?.name, startedAt, configPath: values.config as string }), null, 2)}\n`);
      } catch (error) {
        writeLine(io.stderr, `faultline failover: cannot write ${resultPath}: ${describeError(error)}`);
      }
    }
  }
}

function validate(args: string[], io: CliIO): number {
  const { values } = parse(args, { config: { type: 'string' } });
  if (!values.config) throw usageError('--config FILE is required (the drill to check)');
  const drill = readDrillFile(values.config as string, io.cwd, io.env);
  const objectives = Object.entries(drill.objectives).map(([k, v]) => `${k.replace('Ms', '').toUpperCase()} ≤ ${formatSeconds((v as number) / 1000)}`);
  writeLine(io.stdout, `✓ ${drill.name}: ${objectives.join(', ')}; ${drill.writer.kind} heartbeats every ${drill.writer.intervalMs} ms; ${drill.probes.length} probe(s); fault ${drill.fault.kind}`);
  return 0;
}

export const command: CliCommand = {
  name: 'failover',
  summary: 'run a failover drill and measure RTO and RPO against its objectives',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (!sub || sub === '--help' || sub === '-h' || rest.includes('--help')) {
      writeLine(sub ? io.stdout : io.stderr, USAGE);
      return sub ? 0 : 2;
    }
    if (sub === 'verify') return verify(rest, io);
    if (sub === 'validate') return validate(rest, io);
    throw usageError(`unknown subcommand "failover ${sub}"; expected verify or validate`);
  },
};
