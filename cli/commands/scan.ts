/**
 * `faultline scan`: snyk, checkov, tflint and any SARIF as one gate that fails only on new
 * findings. A face: parse the arguments once, call core/security, print, pick the exit code
 * (0 pass, 1 new findings at or above --fail-on, 2 bad input or a scanner error).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { FaultlineError } from '../../core/errors.ts';
import { securityResult } from '../../core/report/security-json.ts';
import { renderSecurityMarkdown } from '../../core/report/security-markdown.ts';
import { renderSecuritySarif } from '../../core/report/security-sarif.ts';
import { renderSecurityText } from '../../core/report/security-text.ts';
import { KNOWN_TOOLS, type KnownTool } from '../../core/security/read-report.ts';
import { runSecurityScan, type ScanFile } from '../../core/security/scan.ts';
import { parseThreshold } from '../../core/security/severity.ts';
import { findConfigFile } from '../config-file.ts';
import { type CliCommand, type CliIO, writeLine } from '../io.ts';
import { isParseArgsError, parseArgsMessage } from '../args.ts';

const USAGE = `Usage:
  faultline scan [options] [FILE...]

Reads scanner outputs (and/or runs the scanners), keeps one finding per unique problem with a
fingerprint that survives unrelated edits, compares with a baseline, and fails only on new
findings at or above --fail-on.

FILE is any scanner output; its format is recognised: snyk test --json (one project or
--all-projects), snyk iac test --json, checkov -o json, tflint --format json, or SARIF 2.1.0
(Snyk Code/IaC/Container, checkov, tflint, any other tool).

Options:
  --snyk FILE            snyk output (JSON or SARIF); must be snyk's (repeatable)
  --checkov FILE         checkov output (JSON or SARIF); must be checkov's (repeatable)
  --tflint FILE          tflint output (JSON or SARIF); must be tflint's (repeatable)
  --sarif FILE           any SARIF 2.1.0 log (repeatable)
  --run TOOLS            run these from PATH, comma-separated: snyk,checkov,tflint
                         (snyk needs SNYK_TOKEN); a missing tool or an error exit is exit 2
  --baseline FILE        the base branch's result file (faultline scan --format json);
                         without it every finding is judged as new
  --fail-on SEVERITY     critical, high, medium, low or info (default high)
  --config FILE          suppressions (security.ignore); default .github/faultline.yml if present
                         in --root or a folder above it, up to the repository root
  --root DIR             repository root: paths are made relative to it, tools run in it (default .)
  --format FORMAT        text (default), json (the result file, kind security), sarif, markdown
  --output FILE          write the report there instead of stdout
  --all                  text: list unchanged and suppressed findings too, not only new ones

Exit codes: 0 pass, 1 new findings at or above --fail-on, 2 bad input or a scanner error
(a tool missing or failing, a file it could not parse).`;

function usageError(message: string): FaultlineError {
  return new FaultlineError(message, { hint: "run 'faultline scan --help' for the options" });
}

const OPTIONS: ParseArgsOptionsConfig = {
  snyk: { type: 'string', multiple: true },
  checkov: { type: 'string', multiple: true },
  tflint: { type: 'string', multiple: true },
  sarif: { type: 'string', multiple: true },
  run: { type: 'string' },
  baseline: { type: 'string' },
  'fail-on': { type: 'string', default: 'high' },
  config: { type: 'string' },
  root: { type: 'string' },
  format: { type: 'string', default: 'text' },
  output: { type: 'string' },
  all: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' },
};

export function parseRunList(value: string, what: string): KnownTool[] {
  const tools = value
    .split(/[\s,]+/)
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  for (const tool of tools) {
    if (!(KNOWN_TOOLS as readonly string[]).includes(tool)) {
      throw new FaultlineError(`${what}: unknown tool '${tool}'`, { hint: `the gate can run ${KNOWN_TOOLS.join(', ')}; pass other scanners' SARIF as files` });
    }
  }
  return [...new Set(tools)] as KnownTool[];
}

async function scan(args: string[], io: CliIO): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(isParseArgsError(error) ? parseArgsMessage(error) : (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    writeLine(io.stdout, USAGE);
    return 0;
  }
  const format = values.format as string;
  if (!['text', 'json', 'sarif', 'markdown'].includes(format)) throw usageError(`--format must be text, json, sarif or markdown, not "${format}"`);
  const failOn = parseThreshold(values['fail-on'] as string, '--fail-on');
  const at = (p: string) => (isAbsolute(p) ? p : resolve(io.cwd, p));
  const root = at((values.root as string | undefined) ?? '.');
  const label = (p: string) => {
    const rel = relative(io.cwd, at(p));
    return rel.startsWith('..') ? at(p) : rel;
  };
  const files: ScanFile[] = [
    ...positionals.map((p) => ({ path: at(p), label: label(p) })),
    ...(['snyk', 'checkov', 'tflint'] as const).flatMap((tool) => ((values[tool] as string[] | undefined) ?? []).map((p) => ({ path: at(p), label: label(p), tool }))),
    ...((values.sarif as string[] | undefined) ?? []).map((p) => ({ path: at(p), label: label(p) })),
  ];
  const run = values.run ? parseRunList(values.run as string, '--run') : [];
  // Without --config: the repository's .github/faultline.yml, also when run from a subfolder of --root.
  const configFile = values.config ? at(values.config as string) : findConfigFile(root)?.path;
  const startedAt = new Date();
  const { outcome, reports, versions } = await runSecurityScan({
    files,
    run,
    failOn,
    root,
    ...(values.baseline ? { baselineFile: at(values.baseline as string), baselineLabel: label(values.baseline as string) } : {}),
    ...(configFile ? { configFile } : {}),
    env: io.env,
    onTool: (_tool, message) => writeLine(io.stderr, message),
  });
  let text: string;
  if (format === 'json') text = `${JSON.stringify(securityResult(outcome, { startedAt, components: versions }), null, 2)}\n`;
  else if (format === 'sarif') text = renderSecuritySarif(outcome, reports);
  else if (format === 'markdown') text = renderSecurityMarkdown(outcome);
  else text = renderSecurityText(outcome, { colour: io.colour && !values.output, all: values.all as boolean });
  if (values.output) {
    const out = at(values.output as string);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
    writeLine(io.stderr, `${outcome.verdict}: ${outcome.reasons[0] ?? ''} (report: ${label(values.output as string)})`);
  } else {
    io.stdout.write(text);
  }
  if (outcome.verdict === 'error') {
    if (format !== 'text' || values.output) for (const reason of outcome.reasons) writeLine(io.stderr, `error: ${reason}`);
    return 2;
  }
  return outcome.verdict === 'fail' ? 1 : 0;
}

export const command: CliCommand = {
  name: 'scan',
  summary: 'security and IaC gate: snyk, checkov, tflint and SARIF findings, failing only on new ones',
  usage: USAGE,
  run(args, io) {
    if (args.length === 0) {
      writeLine(io.stderr, USAGE);
      return Promise.resolve(2);
    }
    return scan(args, io);
  },
};
