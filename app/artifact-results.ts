/**
 * Reads Faultline result files out of a workflow artifact (a zip). Artifacts are produced by
 * workflows a pull request may influence, so every file is validated against the result schema;
 * an invalid one is reported back and never trusted.
 */
import { unzipSync } from 'fflate';
import { type FaultlineResult, validateResult } from '../core/result.ts';

export interface RejectedResult {
  artifact: string;
  file: string;
  problems: string[];
  /** The file's `kind` when it names one: the gate it was meant for (trust decisions use it). */
  kind?: string;
}

export interface ArtifactResults {
  results: FaultlineResult[];
  rejected: RejectedResult[];
}

/** Guards against zip bombs: result files are small JSON documents. */
const MAX_RESULT_BYTES = 5 * 1024 * 1024;
const MAX_FILES = 200;

export function readResultsFromZip(artifact: string, zip: Uint8Array): ArtifactResults {
  const out: ArtifactResults = { results: [], rejected: [] };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (file) => file.name.endsWith('.json') && file.originalSize <= MAX_RESULT_BYTES,
    });
  } catch (error) {
    out.rejected.push({ artifact, file: '(archive)', problems: [`not a readable zip: ${(error as Error).message}`] });
    return out;
  }
  for (const [file, bytes] of Object.entries(files).slice(0, MAX_FILES)) {
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (error) {
      out.rejected.push({ artifact, file, problems: [`not UTF-8 JSON: ${(error as Error).message}`] });
      continue;
    }
    // Other JSON in the same artifact (journals, SARIF) is not ours to judge.
    if (typeof value !== 'object' || value === null || !('kind' in value) || !('verdict' in value)) continue;
    const problems = validateResult(value);
    const kind = (value as { kind?: unknown }).kind;
    if (problems.length > 0) out.rejected.push({ artifact, file, problems, ...(typeof kind === 'string' ? { kind } : {}) });
    else out.results.push(value as FaultlineResult);
  }
  return out;
}
