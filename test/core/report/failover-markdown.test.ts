/** The drill report a DR runbook keeps: objectives, figures, the Mermaid timeline, probes, load, provenance. */
import type { DrillOutcome } from '../../../core/failover/types.ts';
import { renderFailoverMarkdown } from '../../../core/report/failover-markdown.ts';

const outcome: DrillOutcome = {
  name: 'orders <db> failover',
  verdict: 'breached',
  reasons: ['RPO 1.4 s is over the objective 1 s'],
  recovered: true,
  rtoSeconds: 2.5,
  outageSeconds: 2.6,
  rpoSeconds: 1.4,
  lostWrites: 14,
  acknowledgedWrites: 120,
  unacknowledgedSurvivors: 0,
  rpoBytes: null,
  rpoBytesReason: 'cannot read the timeline history',
  objectives: { rto: { targetSeconds: 900, actualSeconds: 2.5, status: 'met' }, rpo: { targetSeconds: 1, actualSeconds: 1.4, status: 'breached' } },
  timeline: [
    { offsetMs: 500, wall: '2026-01-01T00:00:00.500Z', source: 'fault', event: 'fault-start', detail: './fail.sh; echo "x"' },
    { offsetMs: 480, wall: '2026-01-01T00:00:00.480Z', source: 'writer', event: 'last-good-write' },
    { offsetMs: 1900, wall: '2026-01-01T00:00:01.900Z', source: 'probe', event: 'probe-change', detail: 'dns: 10.0.0.1 → 10.0.1.1' },
    { offsetMs: 3000, wall: '2026-01-01T00:00:03.000Z', source: 'writer', event: 'first-good-write' },
    { offsetMs: 100, wall: '2026-01-01T00:00:00.100Z', source: 'probe', event: 'probe-first', detail: 'dns: 10.0.0.1' },
  ],
  probes: [{ name: 'dns', kind: 'dns', checks: 20, failures: 0, changes: 1, firstFailureOffsetMs: null, lastChangeOffsetMs: 1900, lastValue: '10.0.1.1' }],
  load: { command: 'k6 run load.js', exitCode: 0, p95Ms: 41.75, errorRate: 0.012, requests: 1000 },
  writer: { kind: 'postgres', intervalMs: 100, attempts: 150, finalTarget: 'postgres://app@db-b/orders', jitterP50Ms: 1.2, jitterP99Ms: 9.8 },
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:10.000Z',
};

describe('failover drill report', () => {
  const markdown = renderFailoverMarkdown(outcome, { source: { actor: 'octocat', repository: 'acme/shop', sha: '0123456789abcdef0123', runId: '99' } });

  it('leads with the verdict, the reasons and one row per objective', () => {
    expect(markdown).toContain('## Failover drill: orders &lt;db&gt; failover — ❌ breached');
    expect(markdown).toContain('- RPO 1.4 s is over the objective 1 s');
    expect(markdown).toContain('| RTO | 15.0 min | 2.5 s | ✅ met |');
    expect(markdown).toContain('| RPO | 1 s | 1.4 s | ❌ breached |');
    expect(markdown).toContain('| Acknowledged writes lost | 14 of 120 |');
    expect(markdown).toContain('| WAL bytes not replayed | n/a (cannot read the timeline history) |');
  });

  it('draws the key events as a Mermaid timeline with text Mermaid cannot misread', () => {
    const block = /```mermaid\n([\s\S]*?)```/.exec(markdown)![1]!;
    expect(block.split('\n').slice(0, 2)).toEqual(['timeline', '  title orders db failover']);
    expect(block).toContain('  0.50 s : fault-start - ./fail.sh echo x');
    expect(block).toContain('  1.90 s : probe-change - dns 10.0.0.1 → 10.0.1.1');
    expect(block).not.toContain('probe-first');
  });

  it('lists probes, the load and who ran it at which commit', () => {
    expect(markdown).toContain('| dns | dns | 20 | 0 | 1 | 10.0.1.1 |');
    expect(markdown).toContain('Load: `k6 run load.js` exited 0; p95 41.8 ms, error rate 1.20 %, 1000 requests');
    expect(markdown).toContain('run by octocat in acme/shop at 0123456789ab run 99');
  });
});
