/**
 * One validated YAML document of a spec file and the way to blame a key in it: converters call
 * `fail` for problems the schema cannot express, and the error still names file, line and key.
 */
import { FaultlineError } from '../../errors.ts';
import { keyPath, type ParsedDocument } from '../../schema/validate.ts';

export interface SpecDocument<T = unknown> {
  file: string;
  parsed: ParsedDocument<T>;
}

export function failAt(document: SpecDocument, pointer: string, message: string, hint: string): never {
  const at = document.parsed.locate(pointer, true);
  throw new FaultlineError(`${keyPath(pointer)}: ${message}`, {
    file: document.file,
    line: at?.line,
    column: at?.column,
    hint,
  });
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
