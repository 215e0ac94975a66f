import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  budgetPolicyFrom,
  DEFAULT_BUDGET_POLICY,
  evaluateBudgetPolicy,
  parseBudgetPolicy,
  readBudgetPolicy,
} from '../../../core/slo/budget-policy.ts';
import { FaultlineError } from '../../../core/errors.ts';
import { sloStatus } from './status-fixture.ts';

const spent = sloStatus({ name: 'payments', errorRatio: 0.0015, budgetRemaining: -0.5 });

describe('error-budget policy', () => {
  it('passes SLOs with budget left', () => {
    expect(evaluateBudgetPolicy([sloStatus()], DEFAULT_BUDGET_POLICY)).toEqual({
      verdict: 'pass',
      slos: [{ name: 'checkout-availability', verdict: 'pass', reasons: [] }],
      reasons: [],
    });
  });

  it('fails a spent budget and says by how much', () => {
    const outcome = evaluateBudgetPolicy([sloStatus(), spent], DEFAULT_BUDGET_POLICY);
    expect(outcome.verdict).toBe('fail');
    expect(outcome.reasons).toEqual(['payments: error budget spent: -50 % remaining (error ratio 0.15 % against an allowed 0.1 %)']);
  });

  it('lets a spent budget through when the pull request carries an exception label', () => {
    const outcome = evaluateBudgetPolicy([spent], DEFAULT_BUDGET_POLICY, ['docs', 'security-fix']);
    expect(outcome.verdict).toBe('pass');
    expect(outcome.slos[0]).toMatchObject({ verdict: 'pass', exception: 'security-fix' });
    expect(outcome.slos[0].reasons[0]).toMatch(/^excused by label "security-fix": error budget spent/);
  });

  it('uses the configured exception labels only', () => {
    const policy = budgetPolicyFrom({ 'exception-labels': ['hotfix'] });
    expect(evaluateBudgetPolicy([spent], policy, ['reliability-fix']).verdict).toBe('fail');
    expect(evaluateBudgetPolicy([spent], policy, ['hotfix']).verdict).toBe('pass');
  });

  it('fails below the minimum remaining budget and above the maximum burn rate', () => {
    const policy = budgetPolicyFrom({ 'min-budget-remaining': 0.7, 'max-burn-rate': 0.3, 'burn-rate-window': '6h' });
    const outcome = evaluateBudgetPolicy([sloStatus()], policy);
    expect(outcome.verdict).toBe('fail');
    expect(outcome.slos[0].reasons).toEqual([
      'error budget 60 % remaining, below the policy minimum of 70 %',
      '6h burn rate 0.4 is above the policy maximum of 0.3',
    ]);
  });

  it('fails while an alert of the configured severity fires', () => {
    const paging = sloStatus({ alert: 'page', firingConditions: ['1h and 5m burn ≥ 14.4'] });
    expect(evaluateBudgetPolicy([paging], DEFAULT_BUDGET_POLICY).verdict).toBe('pass');
    const outcome = evaluateBudgetPolicy([paging], budgetPolicyFrom({ 'fail-on-alert': 'ticket' }));
    expect(outcome.reasons).toEqual(['checkout-availability: page alert firing (1h and 5m burn ≥ 14.4)']);
  });

  it('never passes an SLO without data, and no label excuses it', () => {
    const blind = sloStatus({
      name: 'ghost',
      errorRatio: null,
      budgetRemaining: null,
      problems: [{ window: 'slo', kind: 'no-series', message: 'no data over the 28d SLO window: the queries returned no series' }],
    });
    const outcome = evaluateBudgetPolicy([sloStatus(), blind], DEFAULT_BUDGET_POLICY, ['reliability-fix']);
    expect(outcome.verdict).toBe('no-data');
    expect(outcome.reasons).toEqual(['ghost: no data over the 28d SLO window: the queries returned no series']);
    expect(evaluateBudgetPolicy([blind, spent], DEFAULT_BUDGET_POLICY).verdict).toBe('fail');
  });
});

describe('reading a policy', () => {
  it('reads every key and keeps the Workbook thresholds unless overridden', () => {
    const policy = parseBudgetPolicy(
      'min-budget-remaining: 0.25\nmax-burn-rate: 2\nfail-on-alert: page\nalerting:\n  page:\n    - { long: 1h, short: 5m, burn-rate: 10 }\n',
      'policy.yml',
    );
    expect(policy).toEqual({
      minBudgetRemaining: 0.25,
      maxBurnRate: 2,
      burnRateWindow: '1h',
      failOnAlert: 'page',
      exceptionLabels: ['reliability-fix', 'security-fix'],
      alerting: { page: [{ long: '1h', short: '5m', burnRate: 10 }], ticket: DEFAULT_BUDGET_POLICY.alerting.ticket },
    });
  });

  it('names file, line and key of a percentage written where a fraction belongs', () => {
    const error = (() => {
      try {
        parseBudgetPolicy('exception-labels: [hotfix]\nmin-budget-remaining: 25\n', 'policy.yml');
      } catch (e) {
        return e as FaultlineError;
      }
    })();
    expect(error).toBeInstanceOf(FaultlineError);
    expect(error?.format()).toContain('policy.yml:2:23: min-budget-remaining: must be <= 1');
  });

  it('rejects an unknown key and a window the engine does not compute', () => {
    expect(() => parseBudgetPolicy('min-budget: 0.1\n', 'inline')).toThrow(/inline:1:1: min-budget: unknown key "min-budget"/);
    expect(() => parseBudgetPolicy('burn-rate-window: 4h\n', 'inline')).toThrow(/burn-rate-window: must be one of "5m"/);
  });

  it('takes inline YAML or a file path, and says when the file is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-policy-'));
    try {
      writeFileSync(join(dir, 'slo-policy.yml'), 'max-burn-rate: 6\n');
      expect(readBudgetPolicy('slo-policy.yml', 'input policy', dir).maxBurnRate).toBe(6);
      expect(readBudgetPolicy('{ "max-burn-rate": 3 }', 'input policy', dir).maxBurnRate).toBe(3);
      expect(readBudgetPolicy('', 'input policy', dir)).toEqual(DEFAULT_BUDGET_POLICY);
      expect(() => readBudgetPolicy('nope.yml', 'input policy', dir)).toThrow('input policy: policy file "nope.yml" does not exist');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
