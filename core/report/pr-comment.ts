/**
 * The pull-request comment: chaos scorecard, SLO budgets, migration findings and security headlines in short, overrides
 * and links. Everything a pull request controls (experiment names, reasons, messages) is escaped
 * before it reaches Markdown, so a crafted result cannot inject links, mentions or HTML.
 */
import type { OverrideState } from '../gates/overrides.ts';
import type { GateVerdict } from '../gates/verdict.ts';
import type { FaultlineResult } from '../result.ts';
import { type EvidenceLink, evidenceSection } from './evidence-links.ts';
import { codeSpan, escapeMarkdown } from './markdown-escape.ts';
import { securityHeadline } from './security-json.ts';

export { escapeMarkdown };

export interface SloRow {
  service: string;
  name: string;
  objective: number;
  budgetRemaining: number | null;
  burn1h: number | null;
  burn6h: number | null;
  alert: 'none' | 'ticket' | 'page';
  verdict: 'pass' | 'fail' | 'no-data';
}

export interface PrCommentInput {
  headSha: string;
  gates: GateVerdict[];
  slos: SloRow[];
  /** Error text when SLO data could not be had (Prometheus down): shown, never hidden as a pass. */
  sloError?: string;
  /** Last resilience score per experiment on the base branch, for the change column. */
  baseScores: Record<string, number>;
  overrides: OverrideState;
  rejected: { artifact: string; file: string; problems: string[] }[];
  links: { name: string; url: string }[];
  /** The default branch's newest failover drill, Markdown-safe as built (core/gates/dr-drill.ts); absent without a `failover:` section. */
  drill?: string[];
  /** Where the runs' evidence is stored (from trusted evidence-upload results). */
  evidence?: EvidenceLink[];
}

const ICON: Record<string, string> = {
  success: '✅',
  failure: '❌',
  neutral: '➖',
  pass: '✅',
  fail: '❌',
  error: '⚠️',
  'no-data': '❔',
};

const percent = (value: number | null | undefined) => (value === null || value === undefined ? 'n/a' : `${(value * 100).toFixed(2)} %`);
const rate = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));

export function resilienceScore(result: FaultlineResult): number | undefined {
  const score = result.measurements?.find((m) => m.name === 'resilience-score')?.value;
  return typeof score === 'number' ? score : undefined;
}

function gateLines(input: PrCommentInput): string[] {
  const lines = ['| Check | Result | |', '|---|---|---|'];
  for (const gate of input.gates) {
    const state = gate.waiting ? '⏳ pending' : `${ICON[gate.conclusion]} ${gate.conclusion}`;
    lines.push(`| \`${gate.checkName}\` | ${state} | ${escapeMarkdown(gate.title)} |`);
  }
  return lines;
}

function chaosLines(input: PrCommentInput): string[] {
  const results = input.gates.find((g) => g.gate === 'chaos')?.results ?? [];
  if (results.length === 0) return ['_No chaos results for this commit yet._'];
  const lines = ['| Experiment | Verdict | Score | Change vs base |', '|---|---|---|---|'];
  for (const result of results) {
    const score = resilienceScore(result);
    const base = input.baseScores[result.name];
    const change = score === undefined || base === undefined ? 'n/a' : `${score - base >= 0 ? '+' : ''}${(score - base).toFixed(1)}`;
    lines.push(`| ${escapeMarkdown(result.name, 120)} | ${ICON[result.verdict]} ${result.verdict} | ${score === undefined ? 'n/a' : score.toFixed(1)} | ${change} |`);
  }
  return lines;
}

function sloLines(input: PrCommentInput): string[] {
  const lines: string[] = [];
  if (input.sloError) lines.push(`⚠️ SLO data unavailable: ${escapeMarkdown(input.sloError)}`, '');
  if (input.slos.length === 0) return lines.length > 0 ? lines : ['_No SLOs cover the services this pull request touches._'];
  lines.push('| Service | SLO | Objective | Budget remaining | Burn 1h | Burn 6h | Alert |', '|---|---|---|---|---|---|---|');
  for (const slo of input.slos) {
    lines.push(
      `| ${escapeMarkdown(slo.service, 80)} | ${escapeMarkdown(slo.name, 80)} | ${percent(slo.objective)} | ${ICON[slo.verdict]} ${percent(slo.budgetRemaining)} | ${rate(slo.burn1h)} | ${rate(slo.burn6h)} | ${slo.alert} |`,
    );
  }
  return lines;
}

function migrationLines(input: PrCommentInput, limit: number): string[] {
  const findings = (input.gates.find((g) => g.gate === 'migrations')?.results ?? []).flatMap((r) => r.findings ?? []);
  if (findings.length === 0) return ['_No migration findings._'];
  const lines = findings
    .slice(0, limit)
    .map((f) => `- ${f.severity === 'error' ? '❌' : '⚠️'} ${codeSpan(`${f.path ?? '?'}:${f.line ?? '?'}`, 130)} **${escapeMarkdown(f.rule, 60)}**: ${escapeMarkdown(f.message, 200)}`);
  if (findings.length > limit) lines.push(`- … and ${findings.length - limit} more in the check run`);
  return lines;
}

/** One line per security result: "2 new high in snyk, 1 fixed" (counts only, never a finding's text). */
function securityLines(input: PrCommentInput): string[] {
  const results = input.gates.find((g) => g.gate === 'security')?.results ?? [];
  if (results.length === 0) return ['_No security results for this commit yet._'];
  return results.map((r) => `- ${ICON[r.verdict] ?? '➖'} ${escapeMarkdown(r.name, 120)}: ${escapeMarkdown(securityHeadline(r), 300)}`);
}

function overrideLines(input: PrCommentInput): string[] {
  const lines: string[] = [];
  for (const o of Object.values(input.overrides.active)) {
    lines.push(`- \`${o.gate}\` overridden: requested by @${o.requestedBy}, approved by @${o.approvedBy} — ${escapeMarkdown(o.reason)}`);
  }
  for (const p of Object.values(input.overrides.pending)) {
    lines.push(`- \`${p.gate}\` override requested by @${p.requestedBy}, **waiting for approval by a second person** — ${escapeMarkdown(p.reason)}`);
  }
  for (const r of input.overrides.refused.slice(-5)) lines.push(`- refused: ${escapeMarkdown(r.problem)}`);
  return lines;
}

function render(input: PrCommentInput, detail: 'full' | 'short'): string {
  const out = [`## Faultline — resilience report for \`${input.headSha.slice(0, 7)}\``, '', ...gateLines(input), ''];
  if (detail === 'full') {
    out.push('### Chaos scorecard', '', ...chaosLines(input), '');
    out.push('### Error budgets', '', ...sloLines(input), '');
    out.push('### Migrations', '', ...migrationLines(input, 20), '');
    out.push('### Security', '', ...securityLines(input), '');
  }
  // Short too: a breached or missing drill matters as much as the gate table.
  if (input.drill) out.push('### Failover drill', '', ...input.drill, '');
  const overrides = overrideLines(input);
  if (overrides.length > 0) out.push('### Overrides', '', ...overrides, '');
  if (input.rejected.length > 0) {
    out.push('### Result files not trusted', '');
    for (const r of input.rejected.slice(0, 10)) out.push(`- ${codeSpan(`${r.artifact}/${r.file}`, 200)}: ${escapeMarkdown(r.problems.join('; '))}`);
    out.push('');
  }
  out.push(...evidenceSection(input.evidence ?? []));
  if (input.links.length > 0) out.push(input.links.map((l) => `[${escapeMarkdown(l.name, 80)}](${encodeURI(l.url)})`).join(' · '), '');
  out.push('<sub>Commands: `/faultline rerun` · `/faultline override <gate> <reason>` (needs `/faultline approve <gate>` from a second person with write access)</sub>');
  return out.join('\n');
}

/** The full comment and the shorter fallback used when the full one is too long for GitHub. */
export function renderPrComment(input: PrCommentInput): { body: string; fallback: string } {
  return { body: render(input, 'full'), fallback: render(input, 'short') };
}
