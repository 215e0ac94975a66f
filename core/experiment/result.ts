/**
 * The chaos result file (kind `chaos`): verdict from the journal, the resilience score as the
 * `resilience-score` measurement the app and PR comment read, and the journal's summary in
 * `details`. Interrupted runs are `error` (nothing was decided), never a pass.
 */
import { createResult, type FaultlineResult, type ResultFinding, type ResultSource, type Verdict } from '../result.ts';
import { score } from '../scorecard/score.ts';
import { journalSucceeded, type Journal } from './journal.ts';

export function chaosVerdict(journal: Journal): Verdict {
  if (journalSucceeded(journal)) return 'pass';
  return journal.status === 'interrupted' ? 'error' : 'fail';
}

export function chaosResult(journal: Journal, options: { source?: ResultSource; journalPath?: string } = {}): FaultlineResult {
  const scored = score(journal);
  const findings: ResultFinding[] = scored.probes
    .filter((p) => !p.passed)
    .map((p) => ({
      rule: `chaos/${p.phase === 'guardrail' ? 'guardrail-breach' : 'steady-state-deviation'}`,
      severity: 'error',
      message: `${p.phase} probe "${p.probe}": ${p.reason ?? 'outside tolerance'}`,
      path: journal.faultline.file,
    }));
  for (const fault of journal.faultline.faults) {
    if (fault.injected_at && !fault.reverted_at) {
      findings.push({
        rule: 'chaos/fault-not-reverted',
        severity: 'error',
        message: `fault "${fault.activity}" (${fault.driver}, ${fault.target}) could not be reverted: ${fault.revert_error ?? 'unknown'}; the ledger keeps it for the post step`,
        path: journal.faultline.file,
      });
    }
  }
  const removal = journal.faultline.breaches.map((b) => b.faults_removed_ms).filter((v): v is number => v !== undefined);
  return createResult({
    kind: 'chaos',
    name: journal.experiment.title,
    verdict: chaosVerdict(journal),
    summary: `${journal.status}${journal.deviated ? ', deviated' : ''}; ${scored.score === null ? scored.unscored : `resilience score ${scored.score.toFixed(1)}`}${journal.faultline.reason ? `: ${journal.faultline.reason}` : ''}`.slice(0, 300),
    startedAt: new Date(journal.start),
    finishedAt: new Date(journal.end ?? journal.start),
    ...(options.source ? { source: options.source } : {}),
    counts: { errors: findings.length },
    findings,
    measurements: [
      { name: 'resilience-score', value: scored.score, unit: 'percent', subject: journal.experiment.title },
      { name: 'faults-injected', value: journal.faultline.faults.filter((f) => f.injected_at).length },
      ...(removal.length > 0 ? [{ name: 'breach-to-removal', value: Math.max(...removal), unit: 'ms' }] : []),
    ],
    details: {
      status: journal.status,
      deviated: journal.deviated,
      reason: journal.faultline.reason,
      owner: journal.faultline.owner,
      weight: journal.faultline.weight,
      file: journal.faultline.file,
      probes: scored.probes,
      faults: journal.faultline.faults.map(({ output: _output, ...fault }) => fault),
      breaches: journal.faultline.breaches,
      ...(options.journalPath ? { journal: options.journalPath } : {}),
    },
  });
}
