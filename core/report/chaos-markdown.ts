/**
 * The chaos job summary: verdict and score, why it ended so, a table of every probe (phase,
 * checks, result), the faults (target, TTL, how and when each was removed), and a Mermaid gantt
 * timeline of steady state, fault windows, guardrail breaches and rollback, which GitHub renders.
 * The journal has already been through the redactor; untrusted text is escaped for tables.
 */
import type { Journal } from '../experiment/journal.ts';
import { journalSucceeded } from '../experiment/journal.ts';
import { score } from '../scorecard/score.ts';
import { cell } from './migrations-markdown.ts';

const STATUS_ICON: Record<string, string> = { completed: '✅', failed: '❌', aborted: '🛑', interrupted: '⚠️' };

/** Mermaid gantt task names end at ':' and treat '#' and ';' specially: keep them plain. */
function taskName(text: string): string {
  return text.replace(/[:#;<>\n\r"`]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60) || 'activity';
}

function ms(iso: string | undefined): number | undefined {
  return iso ? Date.parse(iso) : undefined;
}

const HOUR_MS = 3_600_000;

/**
 * An axis a reader can use: a run shorter than an hour is drawn from its start (0:00), in minutes
 * and seconds, with ticks every second, 5 s, 30 s or minutes as its length asks; wall-clock times
 * (all the same second for a short run) only for longer runs. Mermaid draws `dateFormat x` in the
 * viewer's time zone, so offsets from 0 are shown without the hour, which a zone could shift.
 */
function axis(durationMs: number): { relative: boolean; lines: string[] } {
  if (durationMs >= HOUR_MS) return { relative: false, lines: ['    axisFormat %H:%M:%S'] };
  const tick = durationMs <= 10_000 ? '1second' : durationMs <= 60_000 ? '5second' : durationMs <= 5 * 60_000 ? '30second' : durationMs <= 20 * 60_000 ? '2minute' : '5minute';
  return { relative: true, lines: ['    axisFormat %M:%S', `    tickInterval ${tick}`] };
}

export function chaosTimeline(journal: Journal): string {
  const end = ms(journal.end) ?? Date.now();
  const origin = ms(journal.start) ?? ms(journal.faultline.phases.before?.start) ?? end;
  const { relative, lines: axisLines } = axis(end - origin);
  const title = `${taskName(journal.experiment.title)}${relative ? ' (minutes:seconds since the start)' : ''}`;
  const lines = ['```mermaid', 'gantt', `    title ${title}`, '    dateFormat x', ...axisLines];
  const at = (time: number) => (relative ? time - origin : time);
  const task = (name: string, tags: string, id: string, from: number | undefined, to: number | undefined) => {
    if (from === undefined) return;
    // A zero-length bar disappears; give it one millisecond so it stays visible.
    lines.push(`    ${taskName(name)} :${tags ? `${tags}, ` : ''}${id}, ${at(from)}, ${at(Math.max(to ?? end, from + 1))}`);
  };
  const { phases } = journal.faultline;
  lines.push('    section Steady state');
  task('before', journal.steady_states.before?.steady_state_met === false ? 'crit' : 'done', 'before', ms(phases.before?.start), ms(phases.before?.end));
  task('after', journal.steady_states.after?.steady_state_met === false ? 'crit' : 'done', 'after', ms(phases.after?.start), ms(phases.after?.end));
  lines.push('    section Method');
  task('method', 'active', 'method', ms(phases.method?.start), ms(phases.method?.end));
  journal.faultline.faults.forEach((fault, i) => {
    task(`${fault.activity} (${fault.driver})`, 'crit', `fault${i}`, ms(fault.injected_at), ms(fault.reverted_at));
  });
  if (journal.faultline.breaches.length > 0) {
    lines.push('    section Breaches');
    journal.faultline.breaches.forEach((breach, i) => {
      const when = at(ms(breach.at)!);
      lines.push(`    ${taskName(`${breach.probe} breached`)} :milestone, crit, breach${i}, ${when}, ${when}`);
    });
  }
  lines.push('    section Rollback');
  task('rollbacks', '', 'rollbacks', ms(phases.rollbacks?.start), ms(phases.rollbacks?.end));
  lines.push('```');
  return lines.join('\n');
}

export function renderChaosMarkdown(journal: Journal, options: { heading?: string } = {}): string {
  const scored = score(journal);
  const ok = journalSucceeded(journal);
  const status = journal.status ?? 'completed';
  const out = [
    `## ${options.heading ?? 'Chaos experiment'}: ${ok ? '✅ steady state held' : `${STATUS_ICON[status] ?? ''} ${status}${journal.deviated ? ', deviated' : ''}`}`,
    '',
    `**${cell(journal.experiment.title)}**${journal.faultline.owner ? ` · owner \`${cell(journal.faultline.owner)}\`` : ''} · ${scored.score === null ? `resilience score — (${scored.unscored})` : `resilience score **${scored.score.toFixed(1)}** / 100`} · ${(journal.duration ?? 0).toFixed(1)} s`,
    '',
  ];
  if (journal.faultline.reason) out.push(`> ${cell(journal.faultline.reason)}`, '');
  out.push('| Phase | Probe | Checks | Result |', '| --- | --- | ---: | --- |');
  if (scored.probes.length === 0) out.push('| – | _no probe was checked_ | 0 | – |');
  for (const probe of scored.probes) {
    out.push(`| ${probe.phase} | ${cell(probe.probe)} | ${probe.checks} | ${probe.passed ? '✅ within tolerance' : `❌ ${cell(probe.reason ?? 'outside tolerance')}`} |`);
  }
  out.push('');
  if (journal.faultline.faults.length > 0) {
    out.push('| Fault | Target | TTL | Removed | By |', '| --- | --- | ---: | --- | --- |');
    for (const fault of journal.faultline.faults) {
      const removed = fault.reverted_at ? `✅ ${fault.reverted_at}` : fault.injected_at ? `❌ ${cell(fault.revert_error ?? 'still in the ledger')}` : `– ${cell(fault.revert_error ?? 'not injected')}`;
      out.push(`| ${cell(fault.activity)} (${cell(fault.driver)}) | ${cell(fault.target)} | ${fault.ttl_seconds} s | ${removed} | ${fault.reverted_by ?? '–'} |`);
    }
    out.push('');
  }
  for (const breach of journal.faultline.breaches) {
    out.push(`- 🚨 ${breach.source} **${cell(breach.probe)}** breached at ${breach.at}: ${cell(breach.reason)}${breach.faults_removed_ms !== undefined ? ` — faults removed ${breach.faults_removed_ms} ms later` : ''}`);
  }
  if (journal.faultline.breaches.length > 0) out.push('');
  out.push(chaosTimeline(journal), '');
  return out.join('\n');
}
