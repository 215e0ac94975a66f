import { renderChaosMarkdown } from '../../../core/report/chaos-markdown.ts';
import type { Journal } from '../../../core/experiment/journal.ts';

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

const journal = {
  experiment: { title: 'Freeze: the | workers', description: '', method: [] },
  start: t(0),
  end: t(10),
  duration: 10,
  status: 'aborted',
  deviated: true,
  steady_states: { before: { steady_state_met: true, probes: [] }, after: null, during: [] },
  run: [],
  rollbacks: [],
  faultline: {
    file: 'x.yaml',
    owner: 'sre',
    faults: [{ fault_id: 'fl-1', activity: 'freeze', driver: 'process', target: 'pid 42', ttl_seconds: 60, undo: 'SIGCONT', injected_at: t(2), reverted_at: t(4), reverted_by: 'guardrail' }],
    breaches: [{ at: t(4), source: 'guardrail', probe: 'p99 <b>', reason: 'too slow', faults_removed_ms: 3.2 }],
    guardrails: [],
    phases: { before: { start: t(0), end: t(1) }, method: { start: t(1), end: t(5) }, rollbacks: { start: t(5), end: t(6) } },
    reason: 'guardrail "p99" breached: too slow',
    weight: 1,
    hypothesis_strategy: 'default',
    rollback_strategy: 'default',
  },
} as unknown as Journal;

describe('the chaos job summary', () => {
  const markdown = renderChaosMarkdown(journal);

  it('states the verdict, owner, score and why the run ended', () => {
    expect(markdown).toContain('## Chaos experiment: 🛑 aborted, deviated');
    expect(markdown).toContain('**Freeze: the &#124; workers** · owner `sre` · resilience score **0.0** / 100');
    expect(markdown).toContain('> guardrail "p99" breached: too slow');
  });

  it('shows no score for an interrupted run, only why', () => {
    const interrupted = renderChaosMarkdown({ ...journal, status: 'interrupted', deviated: false } as Journal);
    expect(interrupted).toContain('· resilience score — (not scored: the run was interrupted before it finished) ·');
    expect(interrupted).not.toMatch(/resilience score \*\*/);
  });

  it('lists faults and breaches with escaped text', () => {
    expect(markdown).toContain('| freeze (process) | pid 42 | 60 s | ✅ 2026-01-01T00:00:04.000Z | guardrail |');
    expect(markdown).toContain('🚨 guardrail **p99 &lt;b&gt;** breached');
    expect(markdown).toContain('faults removed 3.2 ms later');
  });

  it('draws a Mermaid gantt of steady state, fault window, breach and rollback, from the run’s start', () => {
    expect(markdown).toContain('```mermaid\ngantt\n    title Freeze the | workers (minutes:seconds since the start)\n    dateFormat x\n    axisFormat %M:%S\n    tickInterval 1second');
    expect(markdown).toContain('    before :done, before, 0, 1000');
    expect(markdown).toContain('    freeze (process) :crit, fault0, 2000, 4000');
    expect(markdown).toContain('    p99 b breached :milestone, crit, breach0, 4000, 4000');
    expect(markdown).toContain('    rollbacks :rollbacks, 5000, 6000');
  });

  it('picks ticks by the run’s length, and wall-clock times for runs of an hour or more', () => {
    const long = (seconds: number) => renderChaosMarkdown({ ...journal, end: t(seconds) } as Journal);
    expect(long(45)).toContain('tickInterval 5second');
    expect(long(240)).toContain('tickInterval 30second');
    const hours = long(2 * 3600);
    expect(hours).toContain('    axisFormat %H:%M:%S');
    expect(hours).not.toContain('tickInterval');
    const start = Date.parse(t(0));
    expect(hours).toContain(`    freeze (process) :crit, fault0, ${start + 2000}, ${start + 4000}`);
  });
});
