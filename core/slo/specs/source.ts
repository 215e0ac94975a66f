/**
 * One validated YAML document of a spec file and the way to blame a key in it: converters call
 * `fail` for problems the schema cannot express, and the error still names file, line and key.
 */
import { FaultlineError } from '../../errors.ts';
import { keyPath, type ParsedDocument } from '../../schema/validate.ts';

export interface SpecDocument<T = unknown> {
  file: string;
  /** `parsed.locate` takes pointers within this object; it already knows where the object sits. */
  parsed: ParsedDocument<T>;
  /** Where the object sits in its YAML document: '' or `/2` for the third item of a top-level list. */
  base?: string;
  /** Notes for the user about how the object was read (e.g. converted from openslo/v1alpha). */
  notes?: string[];
  /** Warnings about the document itself (keys its tool ignores), already `file:line: key: what`. */
  warnings?: string[];
  /** How a pointer reads to the user when the value was renamed on read (Sloth's camelCase resource). */
  display?: (pointer: string) => string;
}

/** The key path a user sees for a pointer within the object, e.g. `[2].spec.service`. */
export function keyPathIn(document: SpecDocument, pointer: string): string {
  return keyPath(`${document.base ?? ''}${document.display ? document.display(pointer) : pointer}`);
}

export function failAt(document: SpecDocument, pointer: string, message: string, hint: string): never {
  const at = document.parsed.locate(pointer, true);
  throw new FaultlineError(`${keyPathIn(document, pointer)}: ${message}`, {
    file: document.file,
    line: at?.line,
    column: at?.column,
    hint,
  });
}

/** A warning line: `file:line: key: message`. */
export function warningAt(document: SpecDocument, pointer: string, message: string): string {
  const at = document.parsed.locate(pointer, true);
  return `${document.file}${at ? `:${at.line}` : ''}: ${keyPathIn(document, pointer)}: ${message}`;
}

export function lineOf(document: SpecDocument, pointer: string): number | undefined {
  return document.parsed.locate(pointer)?.line;
}

/** Label values as Prometheus wants them: strings (OpenSLO lists are joined with commas). */
export function stringLabels(labels: Record<string, unknown> | undefined): Record<string, string> | undefined {
  if (!labels) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    out[key] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
