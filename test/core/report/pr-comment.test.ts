import { gateVerdict } from '../../../core/gates/verdict.ts';
import { escapeMarkdown, type PrCommentInput, renderPrComment } from '../../../core/report/pr-comment.ts';
import { createResult } from '../../../core/result.ts';

const at = new Date('2026-11-25T10:00:00Z');
const chaos = createResult({
  kind: 'chaos',
  name: 'kill-checkout-pod',
  verdict: 'pass',
  startedAt: at,
  finishedAt: at,
  measurements: [{ name: 'resilience-score', value: 92.5, unit: 'percent' }],
});
const migrations = createResult({
  kind: 'migrations',
  name: 'migration-gate',
  verdict: 'fail',
  startedAt: at,
  finishedAt: at,
  findings: [{ rule: 'non-concurrent-index', severity: 'error', message: 'CREATE INDEX blocks writes', path: 'db/V3__idx.sql', line: 4 }],
});

const security = createResult({
  kind: 'security',
  name: 'security-gate',
  verdict: 'fail',
  startedAt: at,
  finishedAt: at,
  findings: ['SNYK-JS-A', 'SNYK-JS-B', 'SNYK-JS-C'].map((id, i) => ({
    rule: `snyk:${id}`,
    severity: i < 2 ? ('error' as const) : ('note' as const),
    message: '[evil](http://x)',
    properties: { tool: 'snyk', severity: i < 2 ? 'high' : 'low', status: i < 2 ? 'new' : 'unchanged' },
  })),
  details: { failOn: 'high', fixed: 1 },
});

function input(overrides: Partial<PrCommentInput> = {}): PrCommentInput {
  return {
    headSha: 'abcdef1234567890',
    gates: [gateVerdict('chaos', [chaos]), gateVerdict('slo-budget', []), gateVerdict('migrations', [migrations])],
    slos: [{ service: 'checkout', name: 'availability', objective: 0.999, budgetRemaining: 0.42, burn1h: 2.5, burn6h: 1.1, alert: 'none', verdict: 'pass' }],
    baseScores: { 'kill-checkout-pod': 90 },
    overrides: { active: {}, pending: {}, refused: [] },
    rejected: [],
    links: [],
    ...overrides,
  };
}

describe('the pull-request comment', () => {
  it('shows each check, the chaos scorecard with the change against the base branch, budgets and findings', () => {
    const { body } = renderPrComment(input());
    expect(body).toContain('resilience report for `abcdef1`');
    expect(body).toContain('| `faultline/migrations` | ❌ failure |');
    expect(body).toContain('| kill-checkout-pod | ✅ pass | 92.5 | +2.5 |');
    expect(body).toContain('| checkout | availability | 99.90 % | ✅ 42.00 % | 2.50 | 1.10 | none |');
    expect(body).toContain('`db/V3__idx.sql:4` **non-concurrent-index**');
  });

  it('says when SLO data could not be had instead of showing a pass', () => {
    const { body } = renderPrComment(input({ slos: [], sloError: 'Prometheus at http://prom:9090 is unreachable' }));
    expect(body).toContain('⚠️ SLO data unavailable: Prometheus at http:\u200b//prom:9090 is unreachable');
  });

  it('shows who requested and who approved overrides', () => {
    const { body } = renderPrComment(
      input({
        overrides: {
          active: { migrations: { gate: 'migrations', reason: 'DBA ran it off-peak', requestedBy: 'alice', requestedAt: '', commentId: 1, approvedBy: 'bob', approvedAt: '' } },
          pending: { chaos: { gate: 'chaos', reason: 'flaky', requestedBy: 'carol', requestedAt: '', commentId: 2 } },
          refused: [],
        },
      }),
    );
    expect(body).toContain('`migrations` overridden: requested by @alice, approved by @bob');
    expect(body).toContain('`chaos` override requested by @carol, **waiting for approval by a second person**');
  });

  it('gives each security result one headline line, counts only', () => {
    const { body, fallback } = renderPrComment(input({ gates: [...input().gates, gateVerdict('security', [security])] }));
    expect(body).toContain('| `faultline/security` | ❌ failure |');
    expect(body).toContain('### Security\n\n- ❌ security-gate: 2 new high in snyk, 1 fixed\n');
    expect(body).not.toContain('evil');
    expect(fallback).toContain('faultline/security');
    expect(fallback).not.toContain('### Security');
    expect(renderPrComment(input({ gates: [gateVerdict('security', [])] })).body).toContain('_No security results for this commit yet._');
  });

  it('has a shorter fallback without the detail sections', () => {
    const { body, fallback } = renderPrComment(input());
    expect(fallback.length).toBeLessThan(body.length);
    expect(fallback).not.toContain('Chaos scorecard');
    expect(fallback).toContain('faultline/chaos');
  });

  it('escapes what a pull request controls: no links, HTML or mentions get through', () => {
    expect(escapeMarkdown('[click](http://evil) <img src=x> @org/team')).toBe('\\[click\\]\\(http:\u200b//evil\\) \\<img src=x\\> @\u200borg/team');
  });
});
