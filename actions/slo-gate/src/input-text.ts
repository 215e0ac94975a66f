/** How the runner hands over inputs, and the small parsers both modes' inputs use. */
import { FaultlineError } from '../../../core/errors.ts';

/** The runner's view of one input, as `core.getInput` reads it: trimmed, '' when unset. */
export type InputReader = (name: string) => string;

export function envInputReader(env: NodeJS.ProcessEnv): InputReader {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function bad(input: string, problem: string, hint: string): FaultlineError {
  return new FaultlineError(`input ${input}: ${problem}`, { hint });
}

export function list(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseHeaders(value: string, input = 'prometheus-headers'): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of value.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const colon = line.indexOf(':');
    if (colon <= 0 || line.slice(colon + 1).trim() === '') {
      // Never echo the line: it may be a secret pasted without its name.
      throw bad(input, 'every line must look like "Name: value"', 'write one header per line, e.g. "Authorization: Bearer <token from a secret>"');
    }
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}
