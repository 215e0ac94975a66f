/**
 * `faultline slo status|validate|rules`: SLO specs → status from Prometheus, checked specs, or
 * Prometheus rules. A face: parse the arguments once, call the core, print, pick the exit code
 * (0 pass, 1 policy breached or no data, 2 bad input or Prometheus unreachable).
 */
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { FaultlineError } from '../../core/errors.ts';
import { isParseArgsError, parseArgsMessage } from '../args.ts';
import { HttpPrometheusClient } from '../../core/prometheus/client.ts';
import { toSloJson } from '../../core/report/slo-json.ts';
import { renderSloMarkdown } from '../../core/report/slo-markdown.ts';
import { renderSloText } from '../../core/report/slo-text.ts';
import { DEFAULT_BUDGET_POLICY, evaluateBudgetPolicy, readBudgetPolicy } from '../../core/slo/budget-policy.ts';
import { computeSloStatuses } from '../../core/slo/engine.ts';
import { checkQueryable } from '../../core/slo/queries.ts';
import { generateRules } from '../../core/slo/rules.ts';
import { generateSlothRules } from '../../core/slo/rules-sloth.ts';
import { loadSloSpecSet } from '../../core/slo/specs/index.ts';
import { formatObjective } from '../../core/report/slo-format.ts';
import { type CliCommand, type CliIO, writeLine } from '../io.ts';
import { CANARY_USAGE, canary } from './slo-canary.ts';

const USAGE = `Usage:
  faultline slo status --prometheus URL [options] SPEC...
  faultline slo validate SPEC...
  faultline slo rules [--compat sloth] SPEC... > rules.yml   Prometheus recording + burn-rate alert rules
  faultline slo canary --prometheus URL --metrics FILE --canary SEL --baseline SEL [options]
                         canary against baseline per traffic step: promote (0) or rollback (1);
                         'faultline slo canary --help' for its options

SPEC is an OpenSLO v1 or Sloth prometheus/v1 file, or a folder of them.

status options:
  --prometheus URL       Prometheus-compatible query API (Prometheus, Thanos, Mimir, VictoriaMetrics);
                         default: the PROMETHEUS_URL environment variable
  --header 'Name: value' extra request header, e.g. Authorization (repeatable)
  --format text|json|markdown   output (default text)
  --policy FILE|YAML     error-budget policy (see docs/slo.md); default: fail when a budget is spent
  --labels a,b           pull-request labels, for the policy's exception labels
  --at TIME              evaluate at this ISO time instead of now
  --timeout SECONDS      per request (default 30)

rules options:
  --compat sloth         Sloth's rule names, sloth_* labels and group names, so Sloth's dashboards
                         and alert routing keep working (see docs/slo.md)

Exit codes: 0 pass (canary: promote), 1 policy breached or no data (canary: rollback),
2 bad input or Prometheus unreachable.`;

function usageError(message: string): FaultlineError {
  return new FaultlineError(message, { hint: "run 'faultline slo --help' for the options" });
}

function parse(args: string[], options: ParseArgsOptionsConfig) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(isParseArgsError(error) ? parseArgsMessage(error) : (error as Error).message);
  }
}

function parseHeaders(values: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const value of values) {
    const colon = value.indexOf(':');
    if (colon <= 0) throw usageError(`--header "${value.split(':')[0]}…" must look like 'Name: value'`);
    headers[value.slice(0, colon).trim()] = value.slice(colon + 1).trim();
  }
  return headers;
}

async function status(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    prometheus: { type: 'string' },
    header: { type: 'string', multiple: true },
    format: { type: 'string', default: 'text' },
    policy: { type: 'string' },
    labels: { type: 'string' },
    at: { type: 'string' },
    timeout: { type: 'string' },
  });
  const format = values.format as string;
  if (!['text', 'json', 'markdown'].includes(format)) throw usageError(`--format must be text, json or markdown, not "${format}"`);
  // PROMETHEUS_URL is what the app reads too, so one variable serves both faces.
  const prometheus = (values.prometheus as string | undefined) ?? io.env.PROMETHEUS_URL;
  if (!prometheus) throw usageError('--prometheus URL (or PROMETHEUS_URL) is required: the Prometheus query API to read the SLIs from');
  if (positionals.length === 0) throw usageError('give at least one SLO spec file or folder');
  let at: Date | undefined;
  if (values.at !== undefined) {
    at = new Date(values.at as string);
    if (Number.isNaN(at.getTime())) throw usageError(`--at "${values.at}" is not an ISO date-time such as 2025-03-01T00:00:00Z`);
  }
  const timeout = values.timeout === undefined ? 30 : Number(values.timeout);
  if (!(timeout > 0)) throw usageError(`--timeout must be a number of seconds above 0, not "${values.timeout}"`);
  const policy = values.policy === undefined ? DEFAULT_BUDGET_POLICY : readBudgetPolicy(values.policy as string, '--policy', io.cwd);
  const labels = ((values.labels as string | undefined) ?? '')
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);

  const { slos, warnings } = await loadSloSpecSet(positionals.map((p) => (p.startsWith('/') ? p : `${io.cwd}/${p}`)));
  printSpecWarnings(warnings, io);
  const client = new HttpPrometheusClient({
    url: prometheus,
    headers: parseHeaders((values.header as string[] | undefined) ?? []),
    timeoutMs: timeout * 1000,
  });
  const report = await computeSloStatuses(client, slos, {
    at,
    alerting: policy.alerting,
    exhaustionWindow: policy.burnRateWindow,
  });
  const outcome = evaluateBudgetPolicy(report.statuses, policy, labels);
  if (format === 'json') writeLine(io.stdout, JSON.stringify(toSloJson(report.statuses, outcome, report.evaluatedAt), null, 2));
  else if (format === 'markdown') io.stdout.write(renderSloMarkdown(report, outcome, policy.alerting));
  else io.stdout.write(renderSloText(report, outcome, { colour: io.colour }));
  return outcome.verdict === 'pass' ? 0 : 1;
}

/** Keys the spec's own tool ignores, and what we read differently: on stderr. */
function printSpecWarnings(warnings: string[], io: CliIO): void {
  for (const warning of warnings) {
    writeLine(io.stderr, `warning: ${warning.startsWith(`${io.cwd}/`) ? warning.slice(io.cwd.length + 1) : warning}`);
  }
}

async function validate(args: string[], io: CliIO): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals.length === 0) throw usageError('give at least one SLO spec file or folder');
  const set = await loadSloSpecSet(
    positionals.map((p) => (p.startsWith('/') ? p : `${io.cwd}/${p}`)),
    { allowNoSlo: true },
  );
  const slos = set.slos;
  printSpecWarnings(set.warnings, io);
  checkQueryable(slos);
  for (const slo of slos) {
    const where = `${slo.source.file.startsWith(`${io.cwd}/`) ? slo.source.file.slice(io.cwd.length + 1) : slo.source.file}${slo.source.line ? `:${slo.source.line}` : ''}`;
    writeLine(io.stdout, `✓ ${slo.name} (${slo.service}): ${formatObjective(slo.target)} over ${slo.window.duration}, ${slo.budgetingMethod}  ${where}`);
  }
  const others = Object.entries(set.objects)
    .filter(([kind]) => kind !== 'SLO' && kind !== 'PrometheusServiceLevel' && kind !== 'ServiceLevelObjective' && kind !== 'Sloth prometheus/v1')
    .map(([kind, count]) => `${count} ${kind}`);
  writeLine(io.stdout, `${slos.length} SLO${slos.length === 1 ? '' : 's'} valid${others.length > 0 ? `; also read: ${others.join(', ')}` : ''}`);
  return 0;
}

async function rules(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, { compat: { type: 'string' } });
  const compat = values.compat as string | undefined;
  if (compat !== undefined && compat !== 'sloth') throw usageError(`--compat must be sloth, not "${compat}"`);
  if (positionals.length === 0) throw usageError('give at least one SLO spec file or folder');
  const { slos, warnings } = await loadSloSpecSet(positionals.map((p) => (p.startsWith('/') ? p : `${io.cwd}/${p}`)));
  printSpecWarnings(warnings, io);
  checkQueryable(slos);
  const generate = compat === 'sloth' ? generateSlothRules : generateRules;
  io.stdout.write(generate(slos, { generatedFrom: positionals.join(' ') }));
  return 0;
}

const SUBCOMMANDS: Record<string, (args: string[], io: CliIO) => Promise<number>> = { status, validate, rules, canary };

export const command: CliCommand = {
  name: 'slo',
  summary: 'SLO status, error budgets and burn rates from Prometheus; validate SLO specs; canary analysis',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'canary' && (rest.includes('--help') || rest.includes('-h'))) {
      writeLine(io.stdout, CANARY_USAGE);
      return 0;
    }
    if (!sub || sub === '--help' || sub === '-h' || rest.includes('--help')) {
      writeLine(sub ? io.stdout : io.stderr, USAGE);
      return sub ? 0 : 2;
    }
    const handler = SUBCOMMANDS[sub];
    if (!handler) throw usageError(`unknown subcommand "slo ${sub}"; expected one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
    return handler(rest, io);
  },
};
