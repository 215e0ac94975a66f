/** Where the action leaves its evidence about itself: the result file and the job summary. */
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { writeWorkspaceFile } from '../../shared/workspace-files.ts';

/** Written like every action's outputs: inside the workspace, never through a link that leaves it. */
function workspace(): string {
  return resolve(process.env.GITHUB_WORKSPACE || process.cwd());
}

export function writeResult(path: string, result: object): void {
  writeWorkspaceFile(workspace(), path, `${JSON.stringify(result, null, 2)}\n`, 'result file');
}

/** Runners without GITHUB_STEP_SUMMARY (act, some self-hosted setups) still get the result file. */
export async function writeSummary(markdown: string, available: boolean): Promise<void> {
  if (available) await core.summary.addRaw(markdown).write();
  else core.info('no GITHUB_STEP_SUMMARY on this runner: the job summary is skipped (the result file has every figure)');
}
