/** `faultline slo status` for a terminal: one block per SLO, the verdict first. */
import type { PolicyOutcome, SloDecision } from '../slo/budget-policy.ts';
import type { SloStatusReport } from '../slo/engine.ts';
import { BURN_WINDOWS } from '../slo/types.ts';
import { describeExhaustion, formatBurnRate, formatObjective, formatPercent, plural } from './slo-format.ts';

export interface SloTextOptions {
  colour?: boolean;
}

const MARK = { pass: '✓', fail: '✗', 'no-data': '?' } as const;
const COLOUR = { pass: '\u001b[32m', fail: '\u001b[31m', 'no-data': '\u001b[33m' } as const;
const RESET = '\u001b[0m';

function verdictWord(decision: SloDecision, colour: boolean): string {
  const word = decision.verdict.toUpperCase();
  return colour ? `${COLOUR[decision.verdict]}${word}${RESET}` : word;
}

export function renderSloText(report: SloStatusReport, outcome: PolicyOutcome, options: SloTextOptions = {}): string {
  const colour = options.colour ?? false;
  const decisions = new Map(outcome.slos.map((d) => [d.name, d]));
  const lines = [
    `SLO status at ${report.evaluatedAt.toISOString()} (${report.statuses.length} SLO${report.statuses.length === 1 ? '' : 's'}, ${report.requests} Prometheus request${report.requests === 1 ? '' : 's'})`,
    '',
  ];
  for (const status of report.statuses) {
    const decision = decisions.get(status.name) ?? { name: status.name, verdict: 'no-data' as const, reasons: [] };
    lines.push(
      `${MARK[decision.verdict]} ${status.name} (${status.service}): ${formatObjective(status.target)} over ${status.window}${status.budgetingMethod === 'Timeslices' ? ' (timeslices)' : status.budgetingMethod === 'RatioTimeslices' ? ' (ratio timeslices)' : ''}  ${verdictWord(decision, colour)}`,
    );
    lines.push(
      `    error ratio ${formatPercent(status.errorRatio)}   budget remaining ${formatPercent(status.budgetRemaining)}   ${describeExhaustion(status.timeToExhaustionSeconds, status.budgetRemaining !== null)}`,
    );
    lines.push(`    burn rate ${BURN_WINDOWS.map((w) => `${w} ${formatBurnRate(status.burnRates[w])}`).join('  ')}`);
    lines.push(`    alert ${status.alert}${status.firingConditions.length > 0 ? `: ${status.firingConditions.join('; ')}` : ''}`);
    if (status.counterResets) lines.push(`    ${status.counterResets} counter reset(s) in the window, counted across by increase()/rate()`);
    for (const reason of decision.reasons) lines.push(`    - ${reason}`);
    for (const problem of status.problems.filter((p) => p.window !== 'slo')) lines.push(`    ! ${problem.message}`);
    lines.push('');
  }
  const failing = outcome.slos.filter((s) => s.verdict === 'fail').length;
  const silent = outcome.slos.filter((s) => s.verdict === 'no-data').length;
  const summary =
    outcome.verdict === 'pass'
      ? 'Verdict: pass'
      : outcome.verdict === 'fail'
        ? `Verdict: fail (${plural(failing, 'SLO')} ${failing === 1 ? 'breaches' : 'breach'} the error-budget policy)`
        : `Verdict: no-data (${plural(silent, 'SLO')} without data; a gate cannot pass on what it cannot see)`;
  lines.push(summary);
  return `${lines.join('\n')}\n`;
}
