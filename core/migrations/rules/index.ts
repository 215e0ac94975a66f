/**
 * Every rule the gate knows, by id. Rule ids are public API: users configure and suppress them by
 * id, docs list them, SARIF names them. Besides the statement rules there are findings the engine
 * itself produces (about suppressions and its own failures) and what the shadow run observes on a
 * real server; they are configurable the same way.
 */
import { shadowRules } from '../shadow-rules.ts';
import type { Rule, Severity } from '../types.ts';
import { lockingRules } from './locking-rules.ts';
import { schemaChangeRules } from './schema-change-rules.ts';

export interface RuleInfo {
  id: string;
  defaultSeverity: Severity;
  /** The severity under `profile: strict`, when it differs from the default. */
  strictSeverity?: Severity;
  summary: string;
  description: string;
}

/** Findings about `faultline-ignore` comments (see suppress.ts) and about the linter itself. */
export const engineRules: RuleInfo[] = [
  {
    id: 'suppression-missing-reason',
    defaultSeverity: 'error',
    summary: 'A faultline-ignore comment without a reason',
    description:
      'Every suppression must say why the hazard is acceptable, after a second `--`: ' +
      '`-- faultline-ignore: non-concurrent-index -- table has 200 rows`. The reason is what a reviewer reads.',
  },
  {
    id: 'unused-suppression',
    defaultSeverity: 'warning',
    summary: 'A faultline-ignore comment that suppresses nothing',
    description:
      'The rule named in the comment reports nothing on the statement right after it (or, for ' +
      'faultline-ignore-file, anywhere in the file). Remove the comment, or move it to the line(s) ' +
      'directly before the statement it is meant for.',
  },
  {
    id: 'unknown-rule',
    defaultSeverity: 'error',
    summary: 'A faultline-ignore comment names a rule id that does not exist',
    description: 'Check the spelling against the list of rule ids (docs/rules); a misspelt id suppresses nothing.',
  },
  {
    id: 'symlinked-migration',
    defaultSeverity: 'error',
    summary: 'A migration that is a symbolic link was not read',
    description:
      'A migration tool runs whatever a link points to, and a pull request can aim a link out of the ' +
      'repository (at the runner\'s credentials, `/proc/self/environ`). The gate does not read it, so ' +
      'nothing from there reaches a report or a log, and it does not let it pass unread: the finding fails ' +
      'the gate. Replace the link with the migration it points to, or exclude it.',
  },
  {
    id: 'file-too-large',
    defaultSeverity: 'error',
    summary: 'A file larger than the size limit was not checked',
    description:
      'Files above `migrations.max-file-size` (bytes, default 10 MiB) are refused before they are read, so ' +
      'that one huge file (a data dump, a generated seed) cannot exhaust the runner\'s memory. The finding ' +
      'fails the gate: a file nobody checked must not pass. Exclude the file, split it, or raise the limit.',
  },
  {
    id: 'too-many-statements',
    defaultSeverity: 'error',
    summary: 'A file with more statements than the limit was not checked',
    description:
      'Files with more statements than `migrations.max-statements` (default 50,000) are refused, which keeps ' +
      'memory bounded. The finding fails the gate. Split the file, exclude it, or raise the limit.',
  },
  {
    id: 'not-utf8',
    defaultSeverity: 'error',
    summary: 'A file that is not UTF-8 text (binary, NUL bytes, another encoding) was not checked',
    description:
      'The gate reads migrations as UTF-8, as PostgreSQL clients send them. A file with NUL bytes or invalid ' +
      'UTF-8 is reported instead of checked, and fails the gate. Convert it (iconv -f latin1 -t utf-8), or ' +
      'exclude it when it is not a migration.',
  },
  {
    id: 'internal-error',
    defaultSeverity: 'error',
    summary: 'A rule, or the linter\'s bookkeeping, failed on a statement (a bug in Faultline: please report it)',
    description:
      'The linter never stops on any input: when one rule fails on one statement, or it cannot record what ' +
      'a statement changes (such as a parse tree thousands of levels deep), it reports this finding with the ' +
      'error and carries on with the other rules and statements. It fails the gate, because what failed was ' +
      'not checked; set it to warning in `migrations.rules` to let such a run pass.',
  },
];

export const allRules: Rule[] = [...lockingRules, ...schemaChangeRules];

export { shadowRules };

export const ruleInfos: RuleInfo[] = [...allRules, ...engineRules, ...shadowRules];

export const ruleIds: string[] = ruleInfos.map((rule) => rule.id);

const byId = new Map<string, RuleInfo>(ruleInfos.map((rule) => [rule.id, rule]));

export function ruleById(id: string): RuleInfo | undefined {
  return byId.get(id);
}
