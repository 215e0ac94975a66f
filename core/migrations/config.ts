/**
 * `.github/faultline.yml` as the migration gate sees it: the `migrations:` section becomes
 * LintOptions. Reading and validating the file is config-file.ts, loaded only when there is a file.
 */
import type { LintOptions, Profile, RuleSetting } from './lint.ts';
import { parseShadowFrom, type ShadowFrom } from './shadow-from.ts';

export const CONFIG_FILE = '.github/faultline.yml';

/** The `migrations:` section as written (kebab-case keys). */
export interface MigrationsSection {
  paths?: string[];
  exclude?: string[];
  'pg-version'?: number;
  'assume-transaction'?: boolean;
  'shadow-from'?: string;
  'schema-dump'?: string;
  profile?: Profile;
  'max-file-size'?: number;
  'max-statements'?: number;
  rules?: Record<string, RuleSetting>;
}

export interface FaultlineConfigFile {
  _extends?: string;
  migrations?: MigrationsSection;
  [section: string]: unknown;
}

/** What the migration gate takes from the config. */
export interface MigrationConfig {
  /** Globs of migration files; empty means "the face's default layouts". */
  paths: string[];
  exclude: string[];
  pgVersion?: number;
  assumeTransaction: boolean;
  /** What the shadow run starts from, when the config says (the schema checked the form). */
  shadowFrom?: ShadowFrom;
  /** Path of a schema dump (relative to the repository root), for the old column types. */
  schemaDump?: string;
  profile?: Profile;
  maxFileBytes?: number;
  maxStatements?: number;
  rules: Record<string, RuleSetting>;
}

/** The `migrations:` section with defaults filled in. */
export function migrationConfig(config: FaultlineConfigFile): MigrationConfig {
  const section = config.migrations ?? {};
  return {
    paths: section.paths ?? [],
    exclude: section.exclude ?? [],
    ...(section['pg-version'] !== undefined ? { pgVersion: section['pg-version'] } : {}),
    assumeTransaction: section['assume-transaction'] ?? false,
    ...(section['shadow-from'] !== undefined ? { shadowFrom: parseShadowFrom(section['shadow-from']) } : {}),
    ...(section['schema-dump'] !== undefined ? { schemaDump: section['schema-dump'] } : {}),
    ...(section.profile !== undefined ? { profile: section.profile } : {}),
    ...(section['max-file-size'] !== undefined ? { maxFileBytes: section['max-file-size'] } : {}),
    ...(section['max-statements'] !== undefined ? { maxStatements: section['max-statements'] } : {}),
    rules: { ...(section.rules ?? {}) },
  };
}

/** LintOptions from the config; explicit options (CLI flags, action inputs) win over the file. */
export function lintOptionsFrom(config: MigrationConfig, overrides: LintOptions = {}): LintOptions {
  return {
    pgVersion: overrides.pgVersion ?? config.pgVersion,
    rules: { ...config.rules, ...(overrides.rules ?? {}) },
    exclude: [...config.exclude, ...(overrides.exclude ?? [])],
    assumeTransaction: overrides.assumeTransaction ?? config.assumeTransaction,
    ...((overrides.maxFileBytes ?? config.maxFileBytes) !== undefined ? { maxFileBytes: overrides.maxFileBytes ?? config.maxFileBytes } : {}),
    ...((overrides.maxStatements ?? config.maxStatements) !== undefined ? { maxStatements: overrides.maxStatements ?? config.maxStatements } : {}),
    ...((overrides.profile ?? config.profile) !== undefined ? { profile: overrides.profile ?? config.profile } : {}),
    ...((overrides.schemaDump ?? config.schemaDump) !== undefined ? { schemaDump: overrides.schemaDump ?? config.schemaDump } : {}),
  };
}
