/**
 * The drill report: the runbook evidence a DR plan asks for — objectives against measurements,
 * a Mermaid timeline of the failover (fault, last good write, DNS change, promotion, first good
 * write), the probes, the load, and who ran it on which commit. The job summary and
 * `faultline failover verify --report` print the same text.
 */
import { formatSeconds } from '../failover/duration.ts';
import type { DrillOutcome, TimelineEvent } from '../failover/types.ts';
import type { ResultSource } from '../result.ts';
import { cell } from './migrations-markdown.ts';

const KEY_EVENTS = new Set(['fault-start', 'last-good-write', 'first-failed-write', 'writer-switch', 'probe-change', 'first-good-write', 'fault-end', 'readback']);

function mermaidText(text: string): string {
  return text.replace(/[:;#\n\r`"<>]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
}

function offset(event: TimelineEvent): string {
  return `${(event.offsetMs / 1000).toFixed(2)} s`;
}

export function renderFailoverMarkdown(outcome: DrillOutcome, options: { source?: ResultSource; heading?: string } = {}): string {
  const icon = outcome.verdict === 'met' ? '✅' : '❌';
  const lines: string[] = [`## ${options.heading ?? 'Failover drill'}: ${cell(outcome.name)} — ${icon} ${outcome.verdict}`, ''];
  for (const reason of outcome.reasons) lines.push(`- ${cell(reason)}`);
  if (outcome.reasons.length) lines.push('');

  lines.push('| Objective | Target | Measured | Verdict |', '|---|---|---|---|');
  for (const [name, o] of Object.entries(outcome.objectives)) {
    lines.push(`| ${name.toUpperCase()} | ${formatSeconds(o.targetSeconds)} | ${formatSeconds(o.actualSeconds)} | ${o.status === 'met' ? '✅' : '❌'} ${o.status} |`);
  }
  lines.push('');
  lines.push('| Figure | Value |', '|---|---|');
  lines.push(`| Outage as clients saw it | ${formatSeconds(outcome.outageSeconds)} |`);
  lines.push(`| Acknowledged writes lost | ${outcome.lostWrites ?? 'n/a'} of ${outcome.acknowledgedWrites} |`);
  lines.push(`| WAL bytes not replayed | ${outcome.rpoBytes ?? `n/a${outcome.rpoBytesReason ? ` (${cell(outcome.rpoBytesReason)})` : ''}`} |`);
  lines.push(`| Heartbeats | ${outcome.writer.attempts} every ${outcome.writer.intervalMs} ms (${outcome.writer.kind}; jitter p50 ${outcome.writer.jitterP50Ms ?? 'n/a'} ms, p99 ${outcome.writer.jitterP99Ms ?? 'n/a'} ms) |`);
  lines.push(`| Writes accepted at the end by | ${cell(outcome.writer.finalTarget ?? 'n/a')} |`, '');

  const key = outcome.timeline.filter((e) => KEY_EVENTS.has(e.event));
  if (key.length > 0) {
    lines.push('```mermaid', 'timeline', `  title ${mermaidText(outcome.name)}`);
    for (const event of key) lines.push(`  ${offset(event)} : ${mermaidText(event.event)}${event.detail ? ` - ${mermaidText(event.detail)}` : ''}`);
    lines.push('```', '');
  }
  lines.push('<details><summary>Timeline</summary>', '', '| Offset | Wall time | Source | Event | Detail |', '|---|---|---|---|---|');
  for (const event of outcome.timeline) lines.push(`| ${offset(event)} | ${event.wall} | ${event.source} | ${event.event} | ${cell(event.detail ?? '')} |`);
  lines.push('', '</details>', '');

  if (outcome.probes.length > 0) {
    lines.push('| Probe | Kind | Checks | Failures | Changes | Last answer |', '|---|---|---|---|---|---|');
    for (const p of outcome.probes) lines.push(`| ${cell(p.name)} | ${p.kind} | ${p.checks} | ${p.failures} | ${p.changes} | ${cell(p.lastValue ?? '')} |`);
    lines.push('');
  }
  if (outcome.load) {
    const l = outcome.load;
    lines.push(`Load: \`${cell(l.command)}\` exited ${l.exitCode ?? 'by signal'}; p95 ${l.p95Ms === null ? 'n/a' : `${l.p95Ms.toFixed(1)} ms`}, error rate ${l.errorRate === null ? 'n/a' : `${(l.errorRate * 100).toFixed(2)} %`}${l.requests === null ? '' : `, ${l.requests} requests`}${l.summaryError ? ` (${cell(l.summaryError)})` : ''}`, '');
  }
  const s = options.source;
  const who = [s?.actor && `run by ${s.actor}`, s?.repository && `in ${s.repository}`, s?.sha && `at ${s.sha.slice(0, 12)}`, s?.runId && `run ${s.runId}`].filter(Boolean).join(' ');
  lines.push(`<sub>Drill ${outcome.startedAt} → ${outcome.finishedAt}${who ? `, ${cell(who)}` : ''}. Intervals from the verifier's monotonic clock; resolution ${outcome.writer.intervalMs} ms.</sub>`, '');
  return lines.join('\n');
}
