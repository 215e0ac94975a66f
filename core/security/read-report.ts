/**
 * One scanner output file → tool reports. The format is recognised by its shape, so a file works
 * whichever input it came through; the input's tool (when it names one) must agree, so a
 * mislabelled file is an error rather than a silently empty scan.
 */
import { FaultlineError } from '../errors.ts';
import { isCheckovEmptySummary, isCheckovReport, parseCheckovJson } from './parsers/checkov-json.ts';
import { isObject } from './parsers/json-shape.ts';
import { isSarifLog, parseSarif } from './parsers/sarif.ts';
import { isSnykEntry, parseSnykJson } from './parsers/snyk-json.ts';
import { isTflintReport, parseTflintJson } from './parsers/tflint-json.ts';
import type { PathContext } from './paths.ts';
import type { ToolReport } from './types.ts';

export const KNOWN_TOOLS = ['snyk', 'checkov', 'tflint'] as const;
export type KnownTool = (typeof KNOWN_TOOLS)[number];

/**
 * Offset of the first JSON syntax error, for V8 messages that do not say where (`Unexpected
 * token 'o', "…" is not valid JSON`). Only run once JSON.parse has failed.
 */
export function jsonSyntaxErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          space();
          if (text[i] !== '"') fail();
          string();
          space();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '"') {
      string();
      return;
    }
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) fail();
    i += literal![0].length;
  };
  try {
    value();
    space();
    return i < text.length ? i : undefined;
  } catch (at) {
    // A number is the offset; anything else (a nesting too deep for the stack) says nothing.
    return typeof at === 'number' ? at : undefined;
  }
}

/** JSON.parse with the line and column of a syntax error, which is what a person needs to look. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    let line: number | undefined;
    let column: number | undefined;
    // Truncated output (a scanner killed mid-write) ends early: point at the end of the file.
    const offset = at ? Number(at[1]) : /end of JSON input/i.test(message) ? text.length : jsonSyntaxErrorOffset(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    if (offset !== undefined) {
      const before = text.slice(0, offset);
      line = before.split('\n').length;
      column = offset - before.lastIndexOf('\n');
    }
    // V8 quotes the text around an unexpected token, newlines and all: the place says it better.
    const token = /^Unexpected token '(.+?)',/.exec(message);
    throw new FaultlineError(`not valid JSON (${token && line !== undefined ? `unexpected '${token[1]}'` : message.replace(/\s*\n\s*/g, ' ')})`, {
      file: source,
      line,
      column,
      hint: text.trim() === '' ? 'the file is empty: did the scanner run and write its output there?' : 'pass the JSON or SARIF file the scanner wrote (e.g. snyk test --json, checkov -o json, tflint --format json)',
    });
  }
}

function detectTool(document: unknown): KnownTool | 'sarif' | undefined {
  if (isSarifLog(document)) return 'sarif';
  if (Array.isArray(document)) {
    if (document.length > 0 && document.every((d) => isCheckovReport(d) || isCheckovEmptySummary(d))) return 'checkov';
    if (document.length > 0 && document.every(isSnykEntry)) return 'snyk';
    return undefined;
  }
  if (isCheckovReport(document) || isCheckovEmptySummary(document)) return 'checkov';
  if (isTflintReport(document)) return 'tflint';
  if (isSnykEntry(document)) return 'snyk';
  return undefined;
}

function emptyReport(tool: KnownTool, source: string, format: string): ToolReport {
  return { tool, name: tool, source, format, findings: [], errors: [], rules: new Map() };
}

/** Reads a parsed document; `tool` is the input it came through, when that names a tool. */
export function readReport(document: unknown, source: string, context: PathContext, tool?: KnownTool): ToolReport[] {
  const detected = detectTool(document);
  if (detected === 'sarif') return parseSarif(document, source, context, tool);
  // `--all-projects` over a repository with no project, checkov over no framework: nothing scanned.
  if (Array.isArray(document) && document.length === 0 && tool) return [emptyReport(tool, source, `${tool}-json`)];
  if (!detected) {
    const shape = Array.isArray(document) ? 'an array' : isObject(document) ? `an object with keys ${Object.keys(document).slice(0, 6).join(', ')}` : typeof document;
    throw new FaultlineError(`not a snyk, checkov, tflint or SARIF output (found ${shape})`, {
      file: source,
      hint: 'expected snyk test/iac test --json, checkov -o json or -o sarif, tflint --format json or sarif, or any SARIF 2.1.0 log',
    });
  }
  if (tool && detected !== tool) {
    throw new FaultlineError(`this is ${detected} output, but it was given as ${tool} output`, { file: source, hint: `pass it through the ${detected} input instead` });
  }
  if (detected === 'snyk') {
    const parsed = parseSnykJson(document, context);
    return [{ tool: 'snyk', name: parsed.format === 'snyk-iac-json' ? 'Snyk IaC' : 'Snyk Open Source', informationUri: 'https://docs.snyk.io/', source, format: parsed.format, findings: parsed.findings, errors: parsed.errors, rules: new Map() }];
  }
  if (detected === 'checkov') {
    const parsed = parseCheckovJson(document, context);
    return [{ tool: 'checkov', name: 'Checkov', ...(parsed.version ? { version: parsed.version } : {}), informationUri: 'https://www.checkov.io/', source, format: 'checkov-json', findings: parsed.findings, errors: parsed.errors, rules: new Map() }];
  }
  const parsed = parseTflintJson(document, context);
  return [{ tool: 'tflint', name: 'tflint', informationUri: 'https://github.com/terraform-linters/tflint', source, format: 'tflint-json', findings: parsed.findings, errors: parsed.errors, rules: new Map() }];
}

export function readReportText(text: string, source: string, context: PathContext, tool?: KnownTool): ToolReport[] {
  return readReport(parseJsonText(text, source), source, context, tool);
}
