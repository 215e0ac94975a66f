/**
 * The post step: whatever the main step left running — because it crashed, was killed, or the job
 * was cancelled — ends here: the fault command's and the load's process groups, and any chaos
 * fault still in the experiment ledger. Nothing left is the normal case.
 */
import * as core from '@actions/core';
import { drivers } from '../../../core/drivers/index.ts';
import { describeError } from '../../../core/errors.ts';
import { revertAll } from '../../../core/experiment/ledger.ts';
import { ProcessList, stopLeftovers } from '../../../core/failover/processes.ts';
import { leftoverPaths } from './inputs.ts';

export const PROCESSES_STATE = 'process-list';
export const LEDGER_STATE = 'ledger-path';

export async function cleanUp(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const fallback = leftoverPaths(env);
    const ended = stopLeftovers(new ProcessList(core.getState(PROCESSES_STATE) || fallback.processListPath));
    for (const what of ended) core.warning(`failover-verify post: ended ${what}, left running by the main step`);
    const report = await revertAll(core.getState(LEDGER_STATE) || fallback.ledgerPath, { drivers, log: (message) => core.info(message) });
    if (report.reverted.length > 0) core.info(`failover-verify post: reverted ${report.reverted.length} chaos fault(s) the main step left behind`);
    for (const entry of report.unconfirmed) core.warning(`fault "${entry.activity}" (${entry.driver}) was being injected when the step stopped; check by hand: ${entry.undoText}`);
    if (report.failed.length > 0) {
      core.setFailed(`could not revert ${report.failed.length} fault(s): ${report.failed.map((f) => `"${f.entry.activity}" (${f.entry.driver}): ${f.error}`).join('; ')}`);
    }
    if (ended.length === 0 && report.reverted.length + report.failed.length + report.unconfirmed.length === 0) core.info('failover-verify post: nothing left to end');
  } catch (error) {
    core.setFailed(`failover-verify post: ${describeError(error)}`);
  }
}
