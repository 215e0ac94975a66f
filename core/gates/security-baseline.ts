/**
 * A security result compares against a baseline; when that baseline is a file committed in the
 * repository (`baseline: security/baseline.json`), the pull request can edit it — add its own new
 * findings to the "already there" list — and pass the gate. So a result whose baseline file the
 * change touches (the file, or a directory or symlink on its path) is rejected, and so is one
 * whose baseline file cannot be shown untouched because GitHub's list of changed files is capped.
 * The result names its baseline file in `details.baseline.file` (core/security/scan.ts).
 */
import type { FaultlineResult } from '../result.ts';
import type { ChangedFiles } from './applicability.ts';

export interface BaselineRejection {
  result: FaultlineResult;
  problem: string;
}

/** The repository-relative baseline file a security result was compared against, if any. */
export function baselineFileOf(result: FaultlineResult): string | undefined {
  const baseline = (result.details as { baseline?: { file?: unknown } } | undefined)?.baseline;
  return typeof baseline?.file === 'string' && baseline.file !== '' ? baseline.file : undefined;
}

function touches(changed: string, file: string): boolean {
  return changed === file || file.startsWith(`${changed.replace(/\/+$/, '')}/`);
}

/** Splits security results into those that stand and those whose baseline file the change touches. */
export function checkSecurityBaselines(results: readonly FaultlineResult[], files: ChangedFiles): { kept: FaultlineResult[]; rejected: BaselineRejection[] } {
  const kept: FaultlineResult[] = [];
  const rejected: BaselineRejection[] = [];
  for (const result of results) {
    const file = result.kind === 'security' ? baselineFileOf(result) : undefined;
    if (file === undefined) {
      kept.push(result);
      continue;
    }
    const changed = files.paths.find((path) => touches(path, file));
    if (changed !== undefined) {
      rejected.push({ result, problem: `its baseline ${file} is changed by this pull request${changed === file ? '' : ` (through ${changed})`}: a change cannot choose the findings it is compared against; compare against the base branch's artifact (baseline: artifact), or update the baseline file in a pull request of its own, with an approved override` });
    } else if (files.capped) {
      rejected.push({ result, problem: `its baseline ${file} cannot be shown unchanged: ${files.capped}` });
    } else kept.push(result);
  }
  return { kept, rejected };
}
