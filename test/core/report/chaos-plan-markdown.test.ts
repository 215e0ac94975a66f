import type { ExperimentPlan } from '../../../core/experiment/plan.ts';
import { renderPlanMarkdown } from '../../../core/report/chaos-plan-markdown.ts';

const plan: ExperimentPlan = {
  title: 'checkout survives a frozen worker',
  owner: 'sre',
  hypothesisStrategy: 'default',
  rollbackStrategy: 'always',
  steps: [
    { phase: 'steady state', activity: 'health', kind: 'probe', what: 'HTTP GET http://127.0.0.1:8080/health', at: 'e.yaml:7 steady-state-hypothesis.probes[0]' },
    {
      phase: 'method',
      activity: 'freeze',
      kind: 'fault',
      what: 'process: stop (SIGSTOP)',
      where: 'pid 4242',
      ttlSeconds: 120,
      undo: 'SIGCONT',
      blastRadius: 'at most 1 targets',
      at: 'e.yaml:12 method[0]',
    },
    { phase: 'method', activity: 'kill | <b>', kind: 'fault', what: 'process: kill', instantaneous: true, undo: 'the supervisor restarts it', at: 'e.yaml:20 method[1]' },
  ],
};

describe('the dry-run job summary', () => {
  const markdown = renderPlanMarkdown(plan);

  it('says nothing was injected, and shows the plan as a table', () => {
    expect(markdown).toContain('## 🧪 Chaos experiment plan: checkout survives a frozen worker');
    expect(markdown).toContain('**Dry run: nothing was injected.** Owner: sre.');
    expect(markdown).toContain('| Phase | Activity | What | Where | How long | Undone by / recovery | Blast radius |');
    expect(markdown).toContain('| method | freeze (fault) | process: stop \\(SIGSTOP\\) | pid 4242 | at most 120 s | SIGCONT | at most 1 targets |');
    expect(markdown).not.toContain('```');
  });

  it('never promises a revert for an instantaneous fault', () => {
    const row = markdown.split('\n').find((line) => line.includes('process: kill'))!;
    expect(row).toContain('instantaneous (nothing stays in force)');
    expect(markdown).toContain('1 instantaneous fault: it is recorded in the ledger and has nothing to revert');
  });

  it('escapes experiment text so it cannot break the table or add HTML', () => {
    const row = markdown.split('\n').find((line) => line.includes('kill \\| '))!;
    expect(row).toContain('kill \\| \\<b\\>');
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(8);
  });
});
