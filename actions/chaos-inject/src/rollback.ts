/**
 * The post step: whatever the main step left in the ledger — because it crashed, was killed, or
 * the job was cancelled — is reverted here. Nothing left is the normal case.
 */
import * as core from '@actions/core';
import { drivers } from '../../../core/drivers/index.ts';
import { describeError } from '../../../core/errors.ts';
import { revertAll } from '../../../core/experiment/ledger.ts';
import { defaultLedgerPath } from './inputs.ts';

export const LEDGER_STATE = 'ledger-path';
export const KUBECONFIG_STATE = 'kubeconfig';

export async function rollbackLeftovers(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const ledgerPath = core.getState(LEDGER_STATE) || defaultLedgerPath(env);
    const kubeconfig = core.getState(KUBECONFIG_STATE) || undefined;
    const report = await revertAll(ledgerPath, { drivers, kubeconfig, log: (message) => core.info(message) });
    const total = report.reverted.length + report.failed.length + report.unconfirmed.length;
    if (total === 0) {
      core.info('chaos-inject post: no fault left to roll back');
      return;
    }
    core.info(`chaos-inject post: reverted ${report.reverted.length} fault(s) the main step left behind`);
    for (const entry of report.unconfirmed) {
      core.warning(`fault "${entry.activity}" (${entry.driver}) was being injected when the step stopped; check by hand: ${entry.undoText}`);
    }
    if (report.failed.length > 0) {
      core.setFailed(
        `could not revert ${report.failed.length} fault(s): ${report.failed.map((f) => `"${f.entry.activity}" (${f.entry.driver}): ${f.error}`).join('; ')}. They stay in ${ledgerPath}; their time-to-live ends them at the latest.`,
      );
    }
  } catch (error) {
    core.setFailed(`chaos-inject post: ${describeError(error)}`);
  }
}
