/**
 * The migration gate's reports written while the files are linted (a LintVisitor each), so that no
 * report, and no output document, is ever held whole: memory stays bounded however many findings
 * a run has. Each writes exactly what its whole-report renderer writes for the same findings
 * (migrations-json.ts, migrations-sarif.ts, migrations-text.ts), except where a file has more findings
 * than one batch (see lintSource): the text header of such a file gives its statement count at its end.
 */
import type { LintVisitor } from '../migrations/lint-files.ts';
import type { FileReport, Finding, Rule } from '../migrations/types.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import type { MigrationsCounts } from './migrations-counts.ts';
import { plural } from './migrations-counts.ts';
import { toJsonFinding } from './migrations-json.ts';
import { MIGRATIONS_SARIF_CATEGORY, type MigrationsSarifOptions, resultInput, ruleInput } from './migrations-sarif.ts';
import { renderFinding, summaryLine, painter } from './migrations-text.ts';
import { buildSarif, renderSarif, sarifResult } from './sarif.ts';

export type Write = (chunk: string) => void;

/** A visitor that renders as it goes; `finish` writes the end of the document. */
export interface StreamingReport extends LintVisitor {
  readonly counts: MigrationsCounts;
  finish(): void;
}

/** Counts what passes through, for the totals and the exit code. */
abstract class CountingReport implements StreamingReport {
  readonly counts: MigrationsCounts = { files: 0, statements: 0, errors: 0, warnings: 0, observed: 0 };

  beginFile(path: string): void {
    this.counts.files++;
    this.begin(path);
  }

  findings(batch: Finding[]): void {
    for (const finding of batch) {
      if (finding.severity === 'error') this.counts.errors++;
      else this.counts.warnings++;
      if (finding.source === 'shadow') this.counts.observed++;
    }
    if (batch.length > 0) this.write(batch);
  }

  endFile(file: FileReport): void {
    this.counts.statements += file.statements;
    this.end(file);
  }

  protected abstract begin(path: string): void;
  protected abstract write(batch: Finding[]): void;
  protected abstract end(file: FileReport): void;
  abstract finish(): void;
}

/** Indents every line of a pretty-printed JSON value, as JSON.stringify does at that depth. */
function nested(value: unknown, depth: number): string {
  const pad = ' '.repeat(depth);
  return pad + JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`);
}

/** `--format json`: the document renderMigrationsJson prints, written file by file. */
export class JsonStreamReport extends CountingReport {
  private readonly out: Write;
  private inFile = 0;

  constructor(out: Write) {
    super();
    this.out = out;
    out('{\n  "version": 1,\n  "files": [');
  }

  protected begin(path: string): void {
    this.out(`${this.counts.files > 1 ? ',' : ''}\n    {\n      "path": ${JSON.stringify(path)},\n      "findings": [`);
    this.inFile = 0;
  }

  protected write(batch: Finding[]): void {
    const parts = batch.map((finding, i) => `${this.inFile + i > 0 ? ',' : ''}\n${nested(toJsonFinding(finding), 8)}`);
    this.inFile += batch.length;
    this.out(parts.join(''));
  }

  protected end(file: FileReport): void {
    this.out(`${this.inFile > 0 ? '\n      ]' : ']'},\n      "statements": ${file.statements}\n    }`);
  }

  finish(): void {
    this.out(`${this.counts.files > 0 ? '\n  ]' : ']'},\n  "totals": ${nested(this.counts, 2).trimStart()}\n}\n`);
  }
}

const RESULTS_MARKER = '\n      "results": []\n';

/** `--format sarif`: the log migrationsToSarif describes, its results written as they come. */
export class SarifStreamReport extends CountingReport {
  private readonly out: Write;
  private readonly tail: string;
  private readonly ruleIndex: Map<string, number>;
  private results = 0;

  /** `paths`: what the files to lint were named by (they decide whether the log declares %SRCROOT%). */
  constructor(
    out: Write,
    rules: readonly Pick<Rule, 'id' | 'summary' | 'description' | 'defaultSeverity'>[],
    paths: readonly string[],
    options: MigrationsSarifOptions = {},
  ) {
    super();
    this.out = out;
    const log = buildSarif({
      toolName: TOOL_NAME,
      toolVersion: TOOL_VERSION,
      ...(options.informationUri ? { informationUri: options.informationUri } : {}),
      category: MIGRATIONS_SARIF_CATEGORY,
      rules: rules.map((rule) => ruleInput(rule, options)),
      results: [],
      resultPaths: paths,
    });
    this.ruleIndex = new Map(log.runs[0]!.tool.driver.rules.map((rule, i) => [rule.id, i]));
    const whole = renderSarif(log);
    const at = whole.lastIndexOf(RESULTS_MARKER);
    if (at === -1) throw new Error('SARIF layout changed: "results" is not the run\'s last key');
    out(`${whole.slice(0, at)}\n      "results": [`);
    this.tail = whole.slice(at + RESULTS_MARKER.length);
  }

  protected begin(): void {}

  protected write(batch: Finding[]): void {
    // One result at a time: a result with its fix is kilobytes, and a batch of them would be megabytes.
    for (const finding of batch) {
      const result = sarifResult(resultInput(finding), this.ruleIndex.get(finding.rule), TOOL_NAME);
      this.out(`${this.results++ > 0 ? ',' : ''}\n${nested(result, 8)}`);
    }
  }

  protected end(): void {}

  finish(): void {
    this.out(`${this.results > 0 ? '\n      ]' : ']'}\n${this.tail}`);
  }
}

/** Past this many characters of one file's findings, the text report stops holding them for the header. */
const TEXT_HOLD_CHARS = 1024 * 1024;

/** The terminal report: renderMigrationsText's blocks, written file by file. */
export class TextStreamReport extends CountingReport {
  private readonly out: Write;
  private readonly paint: ReturnType<typeof painter>;
  private path = '';
  private held: string[] = [];
  private heldChars = 0;
  private streaming = false;
  private previousClean = false;
  private written = false;

  constructor(out: Write, colour: boolean) {
    super();
    this.out = out;
    this.paint = painter(colour);
  }

  private block(text: string, clean: boolean): void {
    this.out(`${this.written ? (clean && this.previousClean ? '\n' : '\n\n') : ''}${text}`);
    this.written = true;
    this.previousClean = clean;
  }

  protected begin(path: string): void {
    this.path = path;
    this.held = [];
    this.heldChars = 0;
    this.streaming = false;
  }

  protected write(batch: Finding[]): void {
    const rendered = batch.map((f) => renderFinding(f, this.paint));
    if (this.streaming) {
      this.out(`\n\n${rendered.join('\n\n')}`);
      return;
    }
    this.held.push(...rendered);
    this.heldChars += rendered.reduce((sum, text) => sum + text.length, 0);
    if (this.heldChars <= TEXT_HOLD_CHARS) return;
    // Too many to hold until the statement count is known: the header goes without it.
    this.block(`${this.paint('bold', this.path)}\n${this.held.join('\n\n')}`, false);
    this.held = [];
    this.streaming = true;
  }

  protected end(file: FileReport): void {
    const statements = plural(file.statements, 'statement');
    if (this.streaming) {
      this.out(`\n\n${this.paint('bold', this.path)}: ${statements}`);
    } else if (this.held.length === 0) {
      this.block(`${this.paint('green', 'ok')} ${file.path} (${statements})`, true);
    } else {
      this.block(`${this.paint('bold', file.path)} (${statements})\n${this.held.join('\n\n')}`, false);
    }
    this.held = [];
  }

  finish(): void {
    this.block(summaryLine(this.counts, this.paint), false);
    this.out('\n');
  }
}
