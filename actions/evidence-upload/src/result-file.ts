/** Where the action leaves its evidence about itself: the result file and the job summary. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as core from '@actions/core';

export function writeResult(path: string, result: object): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
}

/** Runners without GITHUB_STEP_SUMMARY (act, some self-hosted setups) still get the result file. */
export async function writeSummary(markdown: string, available: boolean): Promise<void> {
  if (available) await core.summary.addRaw(markdown).write();
  else core.info('no GITHUB_STEP_SUMMARY on this runner: the job summary is skipped (the result file has every figure)');
}
