/**
 * A dry run's job summary: the plan as a table a reviewer can read on the run page (what each
 * step does, where, how long a fault stays in force and how it is undone), not a log pasted in a
 * code block. Experiment text comes from the pull request: every cell is escaped.
 */
import { faultSummary, type ExperimentPlan, type PlanStep } from '../experiment/plan.ts';
import { escapeMarkdown } from './markdown-escape.ts';

function howLong(step: PlanStep): string {
  if (step.instantaneous) return 'instantaneous (nothing stays in force)';
  if (step.ttlSeconds !== undefined) return `at most ${step.ttlSeconds} s`;
  return '';
}

function cell(text: string | undefined): string {
  return text ? escapeMarkdown(text, 200) : '';
}

export function renderPlanMarkdown(plan: ExperimentPlan): string {
  const lines = [
    `## 🧪 Chaos experiment plan: ${escapeMarkdown(plan.title)}`,
    '',
    `**Dry run: nothing was injected.**${plan.owner ? ` Owner: ${escapeMarkdown(plan.owner)}.` : ''} Steady state: ${escapeMarkdown(plan.hypothesisStrategy)}; rollbacks: ${escapeMarkdown(plan.rollbackStrategy)}.`,
    '',
  ];
  if (plan.steps.length > 0) {
    lines.push('| Phase | Activity | What | Where | How long | Undone by / recovery | Blast radius |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const step of plan.steps) {
      lines.push(
        `| ${step.phase} | ${cell(step.activity)} (${step.kind}) | ${cell(step.what)} | ${cell(step.where)} | ${howLong(step)} | ${cell(step.undo)} | ${cell(step.blastRadius)} |`,
      );
    }
    lines.push('');
  }
  lines.push(escapeMarkdown(faultSummary(plan.steps.filter((step) => step.kind === 'fault')), 1000), '');
  return lines.join('\n');
}
