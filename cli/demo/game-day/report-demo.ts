/**
 * Step 5 of the game day: what the Faultline app posts on this "pull request". The day's result
 * files go through the app's own pipeline (app/pipeline.ts: gate verdicts, check-run summaries and
 * annotations, the sticky PR comment from core/report) against an in-memory GitHub that records
 * every write — so the terminal, pull-request.md and pull-request.html show exactly what lands on
 * GitHub, followed by the reports with their Mermaid timelines.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RunResultCache } from '../../../app/commit-results.ts';
import { evaluateCommit, type FaultlineConfig } from '../../../app/pipeline.ts';
import { type FaultlineResult, validateResult } from '../../../core/result.ts';
import { writeLine } from '../../io.ts';
import type { GameDay } from './context.ts';
import { htmlPage } from './html-page.ts';
import { type RecordedCheckRun, RecordingGitHub } from './recording-github.ts';

const BOT = 'faultline[bot]';
const ICON: Record<string, string> = { success: '✅', failure: '❌', neutral: '➖' };

/** Every result file the day wrote, checked against the schema as the app checks artifacts. */
export function dayResults(resultsDir: string): FaultlineResult[] {
  const results: FaultlineResult[] = [];
  for (const name of readdirSync(resultsDir).filter((n) => /^faultline-.*-result\.json$/.test(n)).sort()) {
    const value = JSON.parse(readFileSync(join(resultsDir, name), 'utf8')) as unknown;
    const problems = validateResult(value);
    if (problems.length > 0) throw new Error(`${name} is not a valid result file: ${problems.join('; ')}`);
    results.push(value as FaultlineResult);
  }
  return results;
}

/** The files the "pull request" changes: what the gates' applicability rules look at. */
function changedFiles(workspace: string): string[] {
  const files: string[] = [];
  for (const dir of ['examples/migrations', 'examples/experiments', 'drills']) {
    try {
      for (const name of readdirSync(join(workspace, dir))) files.push(`${dir}/${name}`);
    } catch {
      // a part that did not run left no such folder
    }
  }
  return files;
}

function checkRunMarkdown(run: RecordedCheckRun): string {
  const lines = [`### ${ICON[run.conclusion ?? ''] ?? '⏳'} \`${run.name}\` — ${run.output.title}`, '', run.output.summary, ''];
  const annotations = run.output.annotations ?? [];
  if (annotations.length > 0) {
    lines.push(`<details><summary>${annotations.length} annotation(s) on the diff</summary>`, '', '| File | Line | Level | Rule | Message |', '|---|---|---|---|---|');
    for (const a of annotations) lines.push(`| \`${a.path}\` | ${a.start_line} | ${a.annotation_level} | ${a.title ?? ''} | ${a.message.split('\n')[0]!.replace(/\|/g, '\\|')} |`);
    lines.push('', '</details>', '');
  }
  return lines.join('\n');
}

function terminalView(runs: RecordedCheckRun[], comment: string): string[] {
  const lines = ['Check runs (what branch protection sees):'];
  for (const run of runs) {
    lines.push(`  ${run.conclusion === 'success' ? '✓' : run.conclusion === 'neutral' ? '–' : '✗'} ${run.name.padEnd(22)} ${(run.conclusion ?? run.status).padEnd(8)} ${run.output.title}`);
    for (const line of run.output.summary.split('\n').filter(Boolean).slice(0, 4)) lines.push(`      ${line.length > 150 ? `${line.slice(0, 147)}...` : line}`);
    const annotations = run.output.annotations?.length ?? 0;
    if (annotations > 0) lines.push(`      + ${annotations} annotation(s) on the changed files`);
  }
  lines.push('', 'The pull-request comment (Markdown, as posted):', '', ...comment.split('\n').map((l) => `  │ ${l}`));
  return lines;
}

export async function runReportDemo(day: GameDay): Promise<number> {
  const { io } = day;
  const results = dayResults(day.resultsDir);
  if (results.length === 0) {
    writeLine(io.stderr, 'Report demo: no result files yet: run it with the parts that produce them (migrations, chaos, slo, failover)');
    return 1;
  }
  const headSha = createHash('sha1').update(results.map((r) => JSON.stringify(r)).join('\n')).digest('hex');
  const github = new RecordingGitHub(BOT);
  const config: FaultlineConfig = { migrations: { paths: ['examples/migrations/**'] }, chaos: { required: true } };
  const files = changedFiles(day.workspace);
  await evaluateCommit(
    github,
    { appId: 1, botLogin: BOT, cache: new RunResultCache() },
    {
      repo: { owner: 'acme', repo: 'shop' },
      defaultBranch: 'main',
      headSha,
      config: { ok: true, config, files: ['.github/faultline.yml'] },
      pullRequest: { number: 42, labels: [], baseRef: 'main', baseSha: '0'.repeat(40), files },
      results: {
        results,
        rejected: [],
        runsInProgress: 0,
        runsCompleted: 1,
        untrustedRuns: [],
        staleResults: 0,
        links: [],
        completed: [{ name: 'faultline demo', trusted: true, results: results.length }],
      },
      fresh: true,
      final: true,
    },
  );
  const comment = github.comments[0]?.body ?? '';
  writeLine(io.stdout, `${results.length} result files (${results.map((r) => r.kind).join(', ')}) judged by the app's pipeline for pull request #42 at ${headSha.slice(0, 7)}:\n`);
  for (const line of terminalView(github.checkRuns, comment)) writeLine(io.stdout, line);

  const markdown = [
    '# Faultline game day: what the app posts on the pull request',
    '',
    `Generated by \`faultline demo\` on ${new Date().toISOString()} from ${results.length} result files. The check runs and the comment below are the app's own output (app/pipeline.ts), recorded instead of sent.`,
    '',
    '## Check runs',
    '',
    ...github.checkRuns.map(checkRunMarkdown),
    '## Pull-request comment',
    '',
    '<div class="comment">',
    '',
    comment,
    '',
    '</div>',
    '',
    ...day.reports.flatMap((r) => [`# ${r.title}`, '', r.markdown.trim(), '']),
  ].join('\n');
  mkdirSync(day.outDir, { recursive: true });
  const mdPath = join(day.outDir, 'pull-request.md');
  const htmlPath = join(day.outDir, 'pull-request.html');
  writeFileSync(mdPath, markdown);
  writeFileSync(htmlPath, htmlPage('Faultline game day — pull request #42', markdown));
  const shown = (path: string) => (path.startsWith(io.cwd) ? relative(io.cwd, path) : path);
  writeLine(io.stdout, `\nWritten: ${shown(mdPath)} (Markdown) and ${shown(htmlPath)} (open it in a browser: the Mermaid timelines are drawn offline).`);
  return github.checkRuns.length === 4 && comment.length > 0 ? 0 : 1;
}
