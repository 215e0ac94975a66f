import { drillCommentLines, drillGateEnabled, drillGateVerdict, formatAge, maxAgeMs, objectivesLine } from '../../../core/gates/dr-drill.ts';
import { createResult, type FaultlineResult } from '../../../core/result.ts';

const now = new Date('2026-12-07T12:00:00Z');

function result(verdict: FaultlineResult['verdict'], name = 'orders failover', details?: Record<string, unknown>): FaultlineResult {
  return createResult({ kind: 'failover', name, verdict, summary: `${name}: ${verdict}`, startedAt: now, finishedAt: now, ...(details ? { details } : {}) });
}

const objectives = { objectives: { rto: { targetSeconds: 900, actualSeconds: 42, status: 'met' }, rpo: { targetSeconds: 300, actualSeconds: null, status: 'breached' } } };

describe('failover.max-age', () => {
  it('is a duration: 7d, 36h, 1d12h; anything else leaves the check off', () => {
    expect(maxAgeMs({ 'max-age': '7d' })).toBe(7 * 86_400_000);
    expect(maxAgeMs({ 'max-age': '1d12h' })).toBe(36 * 3_600_000);
    expect(maxAgeMs({})).toBeUndefined();
    expect(drillGateEnabled({ failover: { 'max-age': '36h' } })).toBe(true);
    expect(drillGateEnabled({ failover: null })).toBe(false);
    expect(drillGateEnabled({})).toBe(false);
  });

  it('formats ages in minutes, hours, then days', () => {
    expect(formatAge(5 * 60_000)).toBe('5 min');
    expect(formatAge(30 * 3_600_000)).toBe('30 h');
    expect(formatAge(72 * 3_600_000)).toBe('3 d');
  });
});

describe('the drill gate verdict', () => {
  const search = (hoursAgo: number, results: FaultlineResult[]) => ({
    newest: { startedAt: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString(), name: 'dr.yml', url: 'https://github.com/o/r/actions/runs/1', results, rejected: [] },
  });

  it('reads objectives from the result, n/a where a figure is missing', () => {
    expect(objectivesLine(result('fail', 'x', objectives))).toBe('RTO 42 s / 15.0 min met, RPO n/a / 5.0 min breached');
    expect(objectivesLine(result('error', 'x'))).toBe('could not decide: x: error');
  });

  it('fails a drill that is met but older than max-age, naming its age', () => {
    const verdict = drillGateVerdict({ config: { 'max-age': '1d' }, search: search(30, [result('pass', 'x', objectives)]), defaultBranch: 'main', now });
    expect(verdict).toMatchObject({ conclusion: 'failure', title: 'Newest drill is 30 h old (max 1d)' });
  });

  it('fails a drill whose start time is unknown rather than calling it fresh', () => {
    const verdict = drillGateVerdict({ config: { 'max-age': '1d' }, search: { newest: { startedAt: '', name: 'dr.yml', results: [result('pass')], rejected: [] } }, defaultBranch: 'main', now });
    expect(verdict).toMatchObject({ conclusion: 'failure', title: 'Newest drill has no start time' });
  });

  it('escapes what the result file says (names, summaries) in the check run and the PR comment', () => {
    const hostile = result('pass', '[click](https://evil.example) @org/team <img src=x>');
    const verdict = drillGateVerdict({ config: { 'max-age': '1d' }, search: search(1, [hostile]), defaultBranch: 'main', now });
    const text = [...verdict.reasons, ...drillCommentLines(search(1, [hostile]), 'main', now)].join('\n');
    expect(text).not.toContain('[click](https://evil');
    expect(text).not.toMatch(/(?<!\\)<img/);
    expect(text).not.toMatch(/@org/);
  });

  it('is neutral without max-age', () => {
    expect(drillGateVerdict({ config: {}, search: {}, defaultBranch: 'main', now })).toMatchObject({ conclusion: 'neutral', title: 'Does not apply' });
  });
});
