/**
 * The run behind `faultline migrations lint`, loaded once the arguments are read (so the parse-ahead
 * thread can start before the linter loads): config, files, the gate, and the report in the chosen format.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { CONFIG_FILE, lintOptionsFrom, type MigrationConfig, migrationConfig } from '../../core/migrations/config.ts';
import { runMigrationGate } from '../../core/migrations/gate.ts';
import type { ShadowFrom } from '../../core/migrations/shadow-from.ts';
import type { ShadowReport } from '../../core/migrations/shadow-types.ts';
import type { LintOptions } from '../../core/migrations/lint.ts';
import type { LintReport } from '../../core/migrations/types.ts';
import type { StreamingReport } from '../../core/report/migrations-stream.ts';
import { countFindings } from '../../core/report/migrations-counts.ts';
import type { CliIO } from '../io.ts';
import { type LintArgs, usageError } from './migrations.ts';

/**
 * --config FILE must exist; without it, the default file is read only when present. The validator
 * (ajv, yaml) is loaded only when there is a file to read.
 */
async function loadConfig(file: string | undefined, cwd: string): Promise<MigrationConfig> {
  const path = resolve(cwd, file ?? CONFIG_FILE);
  if (file === undefined && !existsSync(path)) return migrationConfig({});
  const { loadConfigFile } = await import('../../core/migrations/config-file.ts');
  return migrationConfig(loadConfigFile(path));
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
async function pathsToLint(options: LintArgs, config: MigrationConfig, cwd: string): Promise<string[]> {
  if (options.paths.length > 0) {
    const paths: string[] = [];
    for (const path of options.paths) {
      if (!GLOB_CHARS.test(path) || existsSync(resolve(cwd, path))) {
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
    throw usageError(`no PATH given and no migrations.paths in ${options.config ?? CONFIG_FILE}: name the migration files or folders to lint`);
  }
  const { findMigrationFiles } = await import('../../core/migrations/find-files.ts');
  const found = await findMigrationFiles(cwd, config.paths, config.exclude);
  if (found.length === 0) {
    throw usageError(`migrations.paths in ${options.config ?? CONFIG_FILE} (${config.paths.join(', ')}) matches no file: nothing would be checked`);
  }
  return found.map((path) => inDirectory(cwd, path));
}

/** --shadow-from, else the config's; a dump path is relative to the working directory. */
function shadowFromFor(options: LintArgs, config: MigrationConfig, cwd: string): { shadowFrom?: ShadowFrom } {
  const from = options.shadowFrom ?? config.shadowFrom;
  if (!from) return {};
  return { shadowFrom: from.kind === 'dump' ? { kind: 'dump', file: resolve(cwd, from.file) } : from };
}

/** Lints as `options` say and writes the report; the exit code. */
export async function runLint(options: LintArgs, io: CliIO): Promise<number> {
  const config = await loadConfig(options.config, io.cwd);
  const paths = await pathsToLint(options, config, io.cwd);
  const { ruleById } = await import('../../core/migrations/rules/index.ts');
  const unknown = options.excludeRules.find((id) => !ruleById(id));
  if (unknown) throw usageError(`--exclude-rule: unknown rule id '${unknown}' (see docs/migrations/rules.md)`);
  const lint = lintOptionsFrom(config, {
    ...(options.assumeTransaction ? { assumeTransaction: true } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    exclude: options.exclude,
    rules: Object.fromEntries(options.excludeRules.map((id) => [id, 'off' as const])),
  });
  if (lint.schemaDump) lint.schemaDump = resolve(io.cwd, lint.schemaDump);
  if (!options.databaseUrl) return lintStreaming(paths, { ...lint, ...(options.pgVersion !== undefined ? { pgVersion: options.pgVersion } : {}) }, options.format, io);
  const { report, shadow } = await runMigrationGate(paths, {
    ...lint,
    ...(options.pgVersion !== undefined ? { pgVersion: options.pgVersion } : {}),
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl, ...shadowFromFor(options, config, io.cwd) } : {}),
  });
  io.stdout.write(await render(options.format, report, io, shadow));
  return countFindings(report).errors > 0 ? 1 : 0;
}

/**
 * Static analysis alone: the report is written as each file is linted and no finding is kept, so
 * memory stays bounded however many findings there are (the shadow run merges into a whole report).
 */
async function lintStreaming(paths: string[], lint: LintOptions, format: LintArgs['format'], io: CliIO): Promise<number> {
  const [{ lintFilesStreaming }, stream] = await Promise.all([import('../../core/migrations/lint-files.ts'), import('../../core/report/migrations-stream.ts')]);
  const write = (chunk: string) => {
    io.stdout.write(chunk);
  };
  let report: StreamingReport;
  if (format === 'json') report = new stream.JsonStreamReport(write);
  else if (format === 'sarif') report = new stream.SarifStreamReport(write, (await import('../../core/migrations/rules/index.ts')).ruleInfos, paths);
  else report = new stream.TextStreamReport(write, io.colour);
  await lintFilesStreaming(paths, lint, report);
  report.finish();
  return report.counts.errors > 0 ? 1 : 0;
}

/** The report in `format`; each renderer is loaded only when asked for (SARIF pulls in node:crypto). */
async function render(format: LintArgs['format'], report: LintReport, io: CliIO, shadow: ShadowReport | undefined): Promise<string> {
  if (format === 'json') return (await import('../../core/report/migrations-json.ts')).renderMigrationsJson(report);
  if (format === 'sarif') {
    const [{ migrationsToSarif }, { renderSarif }, { ruleInfos }] = await Promise.all([
      import('../../core/report/migrations-sarif.ts'),
      import('../../core/report/sarif.ts'),
      import('../../core/migrations/rules/index.ts'),
    ]);
    return renderSarif(migrationsToSarif(report, ruleInfos));
  }
  const { renderMigrationsText } = await import('../../core/report/migrations-text.ts');
  return renderMigrationsText(report, { colour: io.colour, ...(shadow ? { shadow } : {}) });
}
