/**
 * The run behind `faultline migrations lint`, loaded once the arguments are read (so the parse-ahead
 * thread can start before the linter loads): config, files, the gate, and the report in the chosen format.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { CONFIG_FILE, lintOptionsFrom, type MigrationConfig, migrationConfig } from '../../core/migrations/config.ts';
import { runMigrationGate } from '../../core/migrations/gate.ts';
import type { ShadowFrom } from '../../core/migrations/shadow-from.ts';
import type { ShadowReport } from '../../core/migrations/shadow-types.ts';
import { DEFAULT_MAX_FILE_BYTES, type LintOptions } from '../../core/migrations/lint.ts';
import { type LintVisitor, STDIN_PATH, type StdinInput } from '../../core/migrations/lint-files.ts';
import type { LintReport } from '../../core/migrations/types.ts';
import type { StreamingReport } from '../../core/report/migrations-stream.ts';
import { countFindings, type MigrationsCounts } from '../../core/report/migrations-counts.ts';
import { bufferedBlockingWriter } from '../blocking-write.ts';
import type { CliIO } from '../io.ts';
import { type WorkProgress, workProgress, workProgressOptionsFrom } from '../progress.ts';
import { type FailOn, type LintArgs, usageError } from './migrations.ts';

interface LoadedConfig {
  config: MigrationConfig;
  /** The folder the config's paths are relative to: the one holding .github (else the working directory). */
  root: string;
  /** The config file read, for messages. */
  file: string;
}

/**
 * The default config file in `cwd` or the nearest folder above it, stopping at the repository root
 * (the folder with .git) so a config outside the repository is never picked up.
 */
function discoverConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return undefined;
  }
}

/**
 * --config FILE must exist; without it, the default file is discovered (see discoverConfig) and
 * read when there is one. The validator (ajv, yaml) is loaded only when there is a file to read.
 */
async function loadConfig(file: string | undefined, cwd: string): Promise<LoadedConfig> {
  const path = file === undefined ? discoverConfig(cwd) : resolve(cwd, file);
  if (path === undefined) return { config: migrationConfig({}), root: cwd, file: CONFIG_FILE };
  const { loadConfigFile } = await import('../../core/migrations/config-file.ts');
  const config = migrationConfig(loadConfigFile(path));
  const root = file === undefined ? dirname(dirname(path)) : cwd;
  if (root === resolve(cwd)) return { config, root: cwd, file: file ?? CONFIG_FILE };
  // Found above the working directory: its globs and files are relative to its own root.
  const fromRoot = (glob: string) => (isAbsolute(glob) ? glob : join(root, glob));
  return {
    config: {
      ...config,
      exclude: config.exclude.map(fromRoot),
      ...(config.schemaDump ? { schemaDump: fromRoot(config.schemaDump) } : {}),
      ...(config.shadowFrom?.kind === 'dump' ? { shadowFrom: { kind: 'dump', file: fromRoot(config.shadowFrom.file) } } : {}),
    },
    root,
    file: relative(cwd, path),
  };
}

/**
 * Paths as the user typed them (they are also what the report shows). lintFiles reads relative
 * paths from the process's directory, so when the command runs for another one they become absolute.
 */
function inDirectory(cwd: string, path: string): string {
  return cwd === process.cwd() || isAbsolute(path) ? path : resolve(cwd, path);
}

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * PATH arguments as given, a quoted glob (`'db/migrations/*.sql'`) expanded like the shell would; without any,
 * the config's migrations.paths globs. A PATH or glob that matches nothing is an error, not a pass
 * with nothing checked.
 */
async function pathsToLint(options: LintArgs, { config, root, file }: LoadedConfig, cwd: string): Promise<string[]> {
  if (options.paths.length > 0) {
    const paths: string[] = [];
    for (const path of options.paths) {
      if (path === STDIN_PATH || !GLOB_CHARS.test(path) || existsSync(resolve(cwd, path))) {
        paths.push(inDirectory(cwd, path));
        continue;
      }
      const { findMigrationFiles } = await import('../../core/migrations/find-files.ts');
      const found = await findMigrationFiles(cwd, [path]);
      if (found.length === 0) throw usageError(`'${path}' matches no file: nothing would be checked`);
      paths.push(...found.map((file) => inDirectory(cwd, file)));
    }
    return paths;
  }
  if (config.paths.length === 0) {
    throw usageError(`no PATH given and no migrations.paths in ${file}: name the migration files or folders to lint`);
  }
  const { findMigrationFiles } = await import('../../core/migrations/find-files.ts');
  // The config's excludes are absolute when it was found above the working directory (see loadConfig).
  const found = await findMigrationFiles(root, config.paths, config.exclude.map((glob) => (isAbsolute(glob) ? relative(root, glob) : glob)));
  if (found.length === 0) {
    throw usageError(`migrations.paths in ${file} (${config.paths.join(', ')}) matches no file: nothing would be checked`);
  }
  return found.map((path) => inDirectory(cwd, root === cwd ? path : relative(cwd, join(root, path))));
}

/** --shadow-from, else the config's; a dump path is relative to the working directory. */
function shadowFromFor(options: LintArgs, config: MigrationConfig, cwd: string): { shadowFrom?: ShadowFrom } {
  const from = options.shadowFrom ?? config.shadowFrom;
  if (!from) return {};
  return { shadowFrom: from.kind === 'dump' ? { kind: 'dump', file: resolve(cwd, from.file) } : from };
}

/** The rules page next to this CLI (helpUri in SARIF: each rule's section, by its id). */
const RULES_PAGE = new URL('../../docs/migrations/rules.md', import.meta.url).href;

/** Lints as `options` say and writes the report; the exit code. */
export async function runLint(options: LintArgs, io: CliIO): Promise<number> {
  const loaded = await loadConfig(options.config, io.cwd);
  const { config } = loaded;
  const paths = await pathsToLint(options, loaded, io.cwd);
  const { allRules, ruleById } = await import('../../core/migrations/rules/index.ts');
  for (const [flag, ids] of [['--exclude-rule', options.excludeRules], ['--rule', options.onlyRules]] as const) {
    const unknown = ids.find((id) => !ruleById(id));
    if (unknown) throw usageError(`${flag}: unknown rule id '${unknown}' (see docs/rules)`);
  }
  // --rule: every other hazard rule off; findings that say a file or statement was not checked
  // (syntax-error, refused files, internal errors) stay, so --rule never turns a gap into a pass.
  const only = new Set([...options.onlyRules, ...(options.onlyRules.length > 0 ? ['syntax-error'] : [])]);
  const others = only.size === 0 ? [] : allRules.filter((rule) => !only.has(rule.id)).map((rule) => rule.id);
  const lint = lintOptionsFrom(config, {
    ...(options.assumeTransaction ? { assumeTransaction: true } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    exclude: options.exclude,
    rules: Object.fromEntries([...others, ...options.excludeRules].map((id) => [id, 'off' as const])),
  });
  if (lint.schemaDump) lint.schemaDump = resolve(io.cwd, lint.schemaDump);
  if (!options.databaseUrl) {
    const stdin = paths.includes(STDIN_PATH) ? await readStdin(io, lint.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES) : undefined;
    const staticOptions = { ...lint, ...(options.pgVersion !== undefined ? { pgVersion: options.pgVersion } : {}) };
    return exitCode(await lintStreaming(paths, staticOptions, options.format, io, stdin), options.failOn);
  }
  const linting = lintProgress(undefined, io);
  let progress: WorkProgress | undefined;
  const onProgress = (applied: number, total: number, at?: string) => {
    if (!progress) linting.done();
    progress ??= workProgress(io, 'shadow run statements', total, workProgressOptionsFrom(io.env));
    progress.update(applied, at && relativeTo(io.cwd, at));
  };
  const { report, shadow } = await runMigrationGate(paths, {
    ...lint,
    ...(options.pgVersion !== undefined ? { pgVersion: options.pgVersion } : {}),
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl, ...shadowFromFor(options, config, io.cwd) } : {}),
    lintProgress: linting.visitor,
    shadow: { onProgress },
  }).finally(() => {
    linting.done();
    progress?.done();
  });
  io.stdout.write(await render(options.format, report, io, shadow));
  return exitCode(countFindings(report), options.failOn);
}

/** 1 when a finding is at or above --fail-on. */
function exitCode(counts: MigrationsCounts, failOn: FailOn): number {
  if (failOn === 'never') return 0;
  return counts.errors > 0 || (failOn === 'warning' && counts.warnings > 0) ? 1 : 0;
}

/** Standard input, read to its end; past `limit` bytes only counted (the file is refused as too large). */
async function readStdin(io: CliIO, limit: number): Promise<StdinInput> {
  if (!io.stdin) throw usageError("'-' reads standard input, which this run does not have");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    if (size <= limit) chunks.push(bytes);
    size += bytes.length;
  }
  return { bytes: size <= limit ? Buffer.concat(chunks) : Buffer.alloc(0), size };
}

/**
 * Static analysis alone: the report is written as each file is linted and no finding is kept, so
 * memory stays bounded however many findings there are (the shadow run merges into a whole report).
 */
async function lintStreaming(paths: string[], lint: LintOptions, format: LintArgs['format'], io: CliIO, stdin: StdinInput | undefined): Promise<MigrationsCounts> {
  const [{ lintFilesStreaming }, stream] = await Promise.all([import('../../core/migrations/lint-files.ts'), import('../../core/report/migrations-stream.ts')]);
  const { write, flush } = bufferedBlockingWriter(io.stdout);
  const ruleInfos = format === 'sarif' ? (await import('../../core/migrations/rules/index.ts')).ruleInfos : [];
  // Opened once the files are known: a missing PATH (exit 2) then leaves no half-written document.
  let report: StreamingReport | undefined;
  const open = (): StreamingReport => {
    if (format === 'json') report = new stream.JsonStreamReport(write);
    else if (format === 'sarif') report = new stream.SarifStreamReport(write, ruleInfos, paths, { rulesDocUri: RULES_PAGE });
    else report = new stream.TextStreamReport(write, io.colour);
    return report;
  };
  const progress = lintProgress(open, io);
  try {
    await lintFilesStreaming(paths, lint, progress.visitor, stdin);
    // Opened by start(), which lintFilesStreaming calls before the first file, also when there is none.
    (report as StreamingReport).finish();
  } finally {
    flush();
    progress.done();
  }
  return (report as StreamingReport).counts;
}

/** A path as shown in progress: relative to the working directory when it is under it. */
function relativeTo(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * The report (if any, opened by `open` before the first file) as a visitor that also counts files
 * and statements for a progress line on stderr (see workProgress: throttled, and silent for short runs).
 */
function lintProgress(open: (() => StreamingReport) | undefined, io: CliIO): { visitor: LintVisitor; done: () => void } {
  let progress: WorkProgress | undefined;
  let report: StreamingReport | undefined;
  let files = 0;
  let statements = 0;
  const visitor: LintVisitor = {
    start(all) {
      report = open?.();
      progress = workProgress(io, 'lint files', all.length, workProgressOptionsFrom(io.env));
    },
    beginFile(path) {
      progress?.hide();
      report?.beginFile(path);
      progress?.update(files, `${statements} statements, ${relativeTo(io.cwd, path)}`);
    },
    // The report may go to the same terminal: the live line is cleared before it writes.
    findings(batch) {
      progress?.hide();
      report?.findings(batch);
    },
    endFile(file) {
      progress?.hide();
      report?.endFile(file);
      files++;
      statements += file.statements;
      progress?.update(files, `${statements} statements`);
    },
  };
  return { visitor, done: () => progress?.done() };
}

/** The report in `format`; each renderer is loaded only when asked for (SARIF pulls in node:crypto). */
async function render(format: LintArgs['format'], report: LintReport, io: CliIO, shadow: ShadowReport | undefined): Promise<string> {
  if (format === 'json') return (await import('../../core/report/migrations-json.ts')).renderMigrationsJson(report, shadow);
  if (format === 'sarif') {
    const [{ migrationsToSarif }, { renderSarif }, { ruleInfos }] = await Promise.all([
      import('../../core/report/migrations-sarif.ts'),
      import('../../core/report/sarif.ts'),
      import('../../core/migrations/rules/index.ts'),
    ]);
    return renderSarif(migrationsToSarif(report, ruleInfos, { rulesDocUri: RULES_PAGE }));
  }
  const { renderMigrationsText } = await import('../../core/report/migrations-text.ts');
  return renderMigrationsText(report, { colour: io.colour, ...(shadow ? { shadow } : {}) });
}
