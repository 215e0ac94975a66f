/**
 * `faultline migrations lint`: the migration gate on local files. Prints text (default), one JSON
 * document, or SARIF; exits 0 without error findings, 1 with, 2 for bad usage or unreadable input.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FaultlineError } from '../../core/errors.ts';
import { isParseArgsError, parseArgsMessage } from '../args.ts';
import { startParseAheadThreadFor, useParseAheadThread } from '../../core/migrations/parse-ahead.ts';
import { parseShadowFrom, type ShadowFrom } from '../../core/migrations/shadow-from.ts';
import { type CliCommand, type CliIO, writeLine } from '../io.ts';

const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

const USAGE = `Usage: faultline migrations lint [options] PATH...

Lints PostgreSQL migration files (a PATH may be a file, a folder walked for *.sql in version
order, a quoted glob, or - for standard input) for statements that lock production tables, and
shows the safe rewrite. Without a PATH, the config's migrations.paths are linted.

Options:
  --format text|json|sarif  output format (default text; json and sarif print one document)
  --pg-version N            PostgreSQL major version the migrations run on, 11-18 (default: the
                            config's, else 15)
  --database-url URL        also apply the files to a scratch database on this server and report
                            the locks, rewrites and failures observed (the database is dropped after)
  --shadow-from SOURCE      what that scratch database starts from: template (a copy of the URL's
                            database; default, or the config's migrations.shadow-from), empty (the
                            files are replayed from nothing), or dump:FILE (a schema dump loaded first)
  --assume-in-transaction   the migration tool runs each file in a transaction (like the config's
                            assume-transaction: true)
  --exclude GLOB            skip files matching GLOB (repeatable; added to the config's exclude)
  --rule ID                 run only rule ID (repeatable; findings that say a file was not checked,
                            such as syntax-error, are always reported)
  --exclude-rule ID         turn rule ID off (repeatable)
  --fail-on error|warning|never
                            lowest severity that makes the exit status 1 (default error)
  --profile default|strict  strict makes dynamic-sql (SQL no rule can see) an error
  --config FILE             config file with a migrations: section (default: .github/faultline.yml
                            in the current folder or the nearest one above it, up to the
                            repository root; its paths are relative to the folder holding .github)
  -h, --help                show this help

A run longer than about 2 s shows progress on stderr (files and statements linted, statements
applied by the shadow run): a live line on a terminal, a plain line at most every 10 s otherwise.

Exit status: 0 no finding at or above --fail-on, 1 some, 2 bad usage or unreadable input (also a
PATH, glob or folder that yields no file to lint: a run that checked nothing never passes).`;

export interface LintArgs {
  format: Format;
  pgVersion?: number;
  databaseUrl?: string;
  shadowFrom?: ShadowFrom;
  config?: string;
  assumeTransaction?: boolean;
  exclude: string[];
  excludeRules: string[];
  /** --rule: only these rules run (empty: all). */
  onlyRules: string[];
  failOn: FailOn;
  profile?: 'default' | 'strict';
  paths: string[];
  help: boolean;
}

export type FailOn = 'error' | 'warning' | 'never';
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

export function usageError(message: string): FaultlineError {
  return new FaultlineError(message, { hint: "run 'faultline migrations lint --help' for the options" });
}

export function parseLintArgs(args: string[]): LintArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw usageError(isParseArgsError(error) ? parseArgsMessage(error) : (error as Error).message.split('\n')[0]!);
  }
  const { values, positionals } = parsed;
  if (values.help) return { format: 'text', paths: [], exclude: [], excludeRules: [], onlyRules: [], failOn: 'error', help: true };
  const profile = values.profile;
  if (profile !== undefined && profile !== 'default' && profile !== 'strict') throw usageError(`--profile must be default or strict, not '${profile}'`);
  const excludeRules = values['exclude-rule'] ?? [];
  for (const id of excludeRules) if (!/^[a-z0-9-]+$/.test(id)) throw usageError(`--exclude-rule takes a rule id such as non-concurrent-index, not '${id}'`);
  const onlyRules = values.rule ?? [];
  for (const id of onlyRules) if (!/^[a-z0-9-]+$/.test(id)) throw usageError(`--rule takes a rule id such as non-concurrent-index, not '${id}'`);
  const failOn = values['fail-on'] ?? 'error';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw usageError(`--fail-on must be error, warning or never, not '${failOn}'`);
  if (positionals.filter((path) => path === '-').length > 1) throw usageError("'-' (standard input) can be given once");
  if (positionals.includes('-') && values['database-url'] !== undefined) {
    throw usageError("'-' (standard input) cannot be shadow run: save the migration to a file for --database-url");
  }
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw usageError(`--format must be text, json or sarif, not '${format}'`);
  let pgVersion: number | undefined;
  if (values['pg-version'] !== undefined) {
    const raw = values['pg-version'];
    if (!/^\d+$/.test(raw) || Number(raw) < 11 || Number(raw) > 18) {
      throw usageError(`--pg-version must be a PostgreSQL major version from 11 to 18, not '${raw}'`);
    }
    pgVersion = Number(raw);
  }
  let shadowFrom: ShadowFrom | undefined;
  if (values['shadow-from'] !== undefined) {
    if (values['database-url'] === undefined) throw usageError('--shadow-from needs --database-url (it says what the shadow run starts from)');
    try {
      shadowFrom = parseShadowFrom(values['shadow-from']);
    } catch (error) {
      throw usageError(`--shadow-from: ${(error as Error).message}`);
    }
  }
  return {
    format: format as Format,
    pgVersion,
    databaseUrl: values['database-url'],
    ...(shadowFrom ? { shadowFrom } : {}),
    config: values.config,
    ...(values['assume-in-transaction'] ? { assumeTransaction: true } : {}),
    exclude: values.exclude ?? [],
    excludeRules,
    onlyRules,
    failOn: failOn as FailOn,
    ...(profile ? { profile } : {}),
    paths: positionals,
    help: false,
  };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      'pg-version': { type: 'string' },
      'database-url': { type: 'string' },
      'shadow-from': { type: 'string' },
      config: { type: 'string' },
      'assume-in-transaction': { type: 'boolean' },
      exclude: { type: 'string', multiple: true },
      'exclude-rule': { type: 'string', multiple: true },
      rule: { type: 'string', multiple: true },
      'fail-on': { type: 'string' },
      profile: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function lint(args: string[], io: CliIO): Promise<number> {
  const options = parseLintArgs(args);
  if (options.help) {
    writeLine(io.stdout, USAGE);
    return 0;
  }
  // Large files are parsed on a second thread, started before the linter loads when the input is
  // known to be large, so that its start-up overlaps loading the linter and reading the files.
  // The npm package's bundle ships the helper bundled next to it; from source it is the .ts file.
  const bundled = join(dirname(fileURLToPath(import.meta.url)), 'parse-helper.js');
  useParseAheadThread(existsSync(bundled) ? bundled : new URL('../../core/migrations/parse-helper.ts', import.meta.url));
  startParseAheadThreadFor(options.paths.filter((path) => path !== '-').map((path) => resolve(io.cwd, path)));
  const { runLint } = await import('./migrations-lint.ts');
  return runLint(options, io);
}

export const command: CliCommand = {
  name: 'migrations',
  summary: 'lint PostgreSQL migrations for locks that stop production (the migration gate)',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'lint') return lint(rest, io);
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      writeLine(io.stdout, USAGE);
      return sub === undefined ? 2 : 0;
    }
    throw usageError(`unknown subcommand '${sub}': the migrations command has 'lint'`);
  },
};
