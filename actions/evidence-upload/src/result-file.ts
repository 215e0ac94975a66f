/** The job summary; the result file is written by the shared ResultRecorder (actions/shared/result-file.ts). */
import * as core from '@actions/core';

/** Runners without GITHUB_STEP_SUMMARY (act, some self-hosted setups) still get the result file. */
export async function writeSummary(markdown: string, available: boolean): Promise<void> {
  if (available) await core.summary.addRaw(markdown).write();
  else core.info('no GITHUB_STEP_SUMMARY on this runner: the job summary is skipped (the result file has every figure)');
}
