/**
 * Runs a reusable workflow (on: workflow_call) the way a runner would, as far as this machine
 * allows: jobs in `needs` order with their `if:`, steps in order with `if:` and status functions,
 * `run:` steps in bash (-eo pipefail) and our actions' committed dists in their own Node process,
 * with INPUT_* from the step's `with:` (and action.yml's defaults), the step's `env:`, and the
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE and GITHUB_ENV files; post steps (`post-if`) at
 * the job's end with STATE_* from the main step; job and workflow outputs from their expressions.
 *
 * What GitHub hosts is stood in for: actions/checkout gives each job a fresh copy of a checkout the
 * test prepares; upload/download-artifact copy files through a folder (failing as v4 does on a
 * missing file with if-no-files-found: error, or on an existing name); upload-sarif checks the file
 * is SARIF 2.1.0. Any other `uses:` throws: nothing is skipped silently.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { condition, type ExpressionContext, interpolate } from './workflow-expressions.ts';

const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const OUR_ACTION = /^(?:<owner>\/faultline\/|\.\/)actions\/([\w-]+)(?:@v1)?$/;
const STEP_TIMEOUT_MS = 180_000;

interface StepSpec {
  id?: string;
  name?: string;
  if?: string | boolean;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface JobSpec {
  needs?: string | string[];
  if?: string | boolean;
  outputs?: Record<string, string>;
  steps: StepSpec[];
}
interface WorkflowSpec {
  on: { workflow_call: { inputs?: Record<string, { type?: string; default?: unknown; required?: boolean }>; outputs?: Record<string, { value: string }> } };
  jobs: Record<string, JobSpec>;
}

export interface StepRun {
  label: string;
  outcome: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  /** The step's stdout and stderr (workflow commands included). */
  log: string;
  summary: string;
}
export interface JobRun {
  result: 'success' | 'failure' | 'skipped';
  steps: StepRun[];
  outputs: Record<string, string>;
  workspace: string;
}
export interface WorkflowRun {
  jobs: Record<string, JobRun>;
  outputs: Record<string, string>;
  /** name → folder holding the artifact's files. */
  artifacts: string;
  step(job: string, label: string | RegExp): StepRun;
}

export interface RunWorkflowOptions {
  /** Path of the workflow file under .github/workflows. */
  workflow: string;
  inputs?: Record<string, string | boolean>;
  secrets?: Record<string, string>;
  /** Fills a job's fresh workspace with the repository checkout the job sees. */
  checkout(workspace: string): void;
  /** GITHUB_* and other runner variables every step sees (GITHUB_REPOSITORY, GITHUB_EVENT_NAME, …). */
  env?: Record<string, string>;
  /** Folder for workspaces, runner temp folders and artifacts (the caller removes it). */
  dir: string;
  token?: string;
}

function shell(script: string, env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; log: string }> {
  return child('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], env, cwd);
}

function child(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; log: string }> {
  return new Promise((done, fail) => {
    const proc = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    const timer = setTimeout(() => proc.kill('SIGKILL'), STEP_TIMEOUT_MS);
    proc.on('error', fail);
    proc.on('close', (code) => {
      clearTimeout(timer);
      done({ code, log });
    });
  });
}

function orderJobs(jobs: Record<string, JobSpec>): string[] {
  const order: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (order.includes(name)) return;
    if (path.includes(name)) throw new Error(`needs cycle: ${[...path, name].join(' → ')}`);
    for (const need of [jobs[name]!.needs ?? []].flat()) visit(need, [...path, name]);
    order.push(name);
  };
  for (const name of Object.keys(jobs)) visit(name, []);
  return order;
}

export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRun> {
  const workflow = parse(readFileSync(join(ROOT, '.github', 'workflows', options.workflow), 'utf8')) as WorkflowSpec;
  const declared = workflow.on.workflow_call.inputs ?? {};
  const inputs: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(declared)) {
    const given = options.inputs?.[name];
    if (given === undefined && spec.required) throw new Error(`${options.workflow}: input ${name} is required`);
    inputs[name] = given ?? spec.default ?? (spec.type === 'boolean' ? false : '');
  }
  for (const name of Object.keys(options.inputs ?? {})) if (!(name in declared)) throw new Error(`${options.workflow}: no input ${name}`);
  const token = options.token ?? 'ghs_workflowrunnertesttoken';
  const github = { repository: options.env?.GITHUB_REPOSITORY ?? 'acme/shop', token, event_name: options.env?.GITHUB_EVENT_NAME ?? 'pull_request' };
  const artifacts = join(options.dir, 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  const jobs: Record<string, JobRun> = {};

  for (const name of orderJobs(workflow.jobs)) {
    const spec = workflow.jobs[name]!;
    const needs = [spec.needs ?? []].flat();
    const needsContext = Object.fromEntries(needs.map((n) => [n, { result: jobs[n]!.result, outputs: jobs[n]!.outputs }]));
    const jobContext = (failed: boolean, steps: Record<string, unknown>): ExpressionContext => ({
      contexts: { inputs, secrets: options.secrets ?? {}, github, needs: needsContext, steps },
      failed,
    });
    if (!condition(spec.if, jobContext(needs.some((n) => jobs[n]!.result !== 'success'), {}))) {
      jobs[name] = { result: 'skipped', steps: [], outputs: {}, workspace: '' };
      continue;
    }
    jobs[name] = await runJob(name, spec, { options, jobContext, artifacts, token });
  }

  const outputs: Record<string, string> = {};
  const workflowContext: ExpressionContext = { contexts: { inputs, jobs: Object.fromEntries(Object.entries(jobs).map(([n, j]) => [n, { result: j.result, outputs: j.outputs }])) }, failed: false };
  for (const [name, spec] of Object.entries(workflow.on.workflow_call.outputs ?? {})) outputs[name] = interpolate(spec.value, workflowContext);
  return {
    jobs,
    outputs,
    artifacts,
    step(job, label) {
      const found = jobs[job]?.steps.find((s) => (typeof label === 'string' ? s.label === label : label.test(s.label)));
      if (!found) throw new Error(`no step ${label} in job ${job} (steps: ${jobs[job]?.steps.map((s) => s.label).join(', ')})`);
      return found;
    },
  };
}

interface JobEnvironment {
  options: RunWorkflowOptions;
  jobContext(failed: boolean, steps: Record<string, unknown>): ExpressionContext;
  artifacts: string;
  token: string;
}

interface PostStep {
  label: string;
  entry: string;
  postIf: string;
  env: NodeJS.ProcessEnv;
  stateFile: string;
}

async function runJob(name: string, spec: JobSpec, job: JobEnvironment): Promise<JobRun> {
  const base = mkdtempSync(join(job.options.dir, `job-${name}-`));
  const workspace = join(base, 'workspace');
  const runnerTemp = join(base, 'temp');
  mkdirSync(workspace);
  mkdirSync(runnerTemp);
  const steps: StepRun[] = [];
  const stepsContext: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
  const posts: PostStep[] = [];
  const jobEnv: Record<string, string> = {};
  let failed = false;

  for (const [index, step] of spec.steps.entries()) {
    const label = step.id ?? step.name ?? step.uses ?? `step ${index + 1}`;
    const context = job.jobContext(failed, stepsContext);
    if (!condition(step.if, context)) {
      steps.push({ label, outcome: 'skipped', outputs: {}, log: '', summary: '' });
      if (step.id) stepsContext[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      continue;
    }
    const files = mkdtempSync(join(runnerTemp, '_step-'));
    const output = join(files, 'output');
    const summary = join(files, 'summary.md');
    const state = join(files, 'state');
    const envFile = join(files, 'env');
    for (const file of [output, summary, state, envFile]) writeFileSync(file, '');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(v, context)]));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runnerTemp,
      RUNNER_OS: 'Linux',
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_STATE: state,
      GITHUB_ENV: envFile,
      GITHUB_JOB: name,
      ...job.options.env,
      ...jobEnv,
      ...stepEnv,
    };
    const withValues = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(v, context)]));
    let code: number | null = 0;
    let log = '';
    const ours = step.uses ? OUR_ACTION.exec(step.uses) : null;
    if (step.run !== undefined) {
      ({ code, log } = await shell(interpolate(step.run, context), env, workspace));
    } else if (ours) {
      const action = parse(readFileSync(join(ROOT, 'actions', ours[1]!, 'action.yml'), 'utf8')) as { inputs?: Record<string, { default?: string }>; runs: { main: string; post?: string; 'post-if'?: string } };
      for (const [input, declared] of Object.entries(action.inputs ?? {})) {
        const value = input in withValues ? withValues[input]! : interpolate(declared.default ?? '', context);
        env[`INPUT_${input.replace(/ /g, '_').toUpperCase()}`] = value;
      }
      for (const input of Object.keys(withValues)) if (!(input in (action.inputs ?? {}))) throw new Error(`${label}: actions/${ours[1]} has no input ${input}`);
      ({ code, log } = await child(process.execPath, [join(ROOT, 'actions', ours[1]!, action.runs.main)], env, workspace));
      if (action.runs.post) posts.unshift({ label: `post ${label}`, entry: join(ROOT, 'actions', ours[1]!, action.runs.post), postIf: action.runs['post-if'] ?? 'success()', env, stateFile: state });
    } else if (step.uses) {
      ({ code, log } = standIn(step.uses, withValues, workspace, job.artifacts, job.options.checkout));
    } else {
      throw new Error(`${label}: neither run nor uses`);
    }
    const outputs = fileCommands(output);
    Object.assign(jobEnv, fileCommands(envFile));
    const outcome = code === 0 ? 'success' : 'failure';
    if (outcome === 'failure') failed = true;
    steps.push({ label, outcome, outputs, log, summary: readFileSync(summary, 'utf8') });
    if (step.id) stepsContext[step.id] = { outputs, outcome, conclusion: outcome };
  }

  for (const post of posts) {
    if (!condition(post.postIf, job.jobContext(failed, stepsContext))) continue;
    const stateEnv = Object.fromEntries(Object.entries(fileCommands(post.stateFile)).map(([k, v]) => [`STATE_${k}`, v]));
    const { code, log } = await child(process.execPath, [post.entry], { ...post.env, ...stateEnv }, workspace);
    if (code !== 0) failed = true;
    steps.push({ label: post.label, outcome: code === 0 ? 'success' : 'failure', outputs: {}, log, summary: '' });
  }

  const outputs = Object.fromEntries(Object.entries(spec.outputs ?? {}).map(([k, v]) => [k, interpolate(v, job.jobContext(failed, stepsContext))]));
  return { result: failed ? 'failure' : 'success', steps, outputs, workspace };
}

/** A file command's `name<<delimiter` blocks and `name=value` lines → name → value. */
function fileCommands(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const block = /^([\w-]+)<<(.+)$/.exec(lines[i]!);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      values[block[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
      continue;
    }
    const line = /^([\w-]+)=(.*)$/.exec(lines[i]!);
    if (line) values[line[1]!] = line[2]!;
  }
  return values;
}

function standIn(uses: string, inputs: Record<string, string>, workspace: string, artifacts: string, checkout: (dir: string) => void): { code: number; log: string } {
  const action = uses.split('@')[0];
  if (action === 'actions/checkout') {
    checkout(workspace);
    return { code: 0, log: 'checked out' };
  }
  if (action === 'actions/upload-artifact') {
    const target = join(artifacts, inputs.name ?? 'artifact');
    if (existsSync(target)) return { code: 1, log: `::error::an artifact named ${inputs.name} already exists (409)` };
    const paths = (inputs.path ?? '').split('\n').map((p) => p.trim()).filter(Boolean);
    const found = paths.filter((p) => existsSync(resolve(workspace, p)));
    const missing = paths.filter((p) => !found.includes(p));
    if (found.length === 0) {
      const mode = inputs['if-no-files-found'] ?? 'warn';
      return { code: mode === 'error' ? 1 : 0, log: `${mode === 'error' ? '::error::' : '::warning::'}No files were found with the provided path: ${paths.join(', ')}` };
    }
    mkdirSync(target, { recursive: true });
    for (const path of found) cpSync(resolve(workspace, path), join(target, basename(path)), { recursive: true });
    return { code: 0, log: `uploaded ${found.join(', ')}${missing.length ? `; not found: ${missing.join(', ')}` : ''}` };
  }
  if (action === 'actions/download-artifact') {
    const source = join(artifacts, inputs.name ?? '');
    if (!inputs.name || !existsSync(source)) return { code: 1, log: `::error::Artifact not found: ${inputs.name}` };
    cpSync(source, resolve(workspace, inputs.path || '.'), { recursive: true });
    return { code: 0, log: `downloaded ${inputs.name}` };
  }
  if (action === 'github/codeql-action/upload-sarif') {
    const file = resolve(workspace, inputs.sarif_file ?? '');
    try {
      const sarif = JSON.parse(readFileSync(file, 'utf8')) as { version?: string; runs?: unknown[] };
      if (sarif.version !== '2.1.0' || !Array.isArray(sarif.runs)) return { code: 1, log: `::error::${inputs.sarif_file} is not SARIF 2.1.0` };
      return { code: 0, log: `SARIF ${inputs.sarif_file} (${inputs.category})` };
    } catch (error) {
      return { code: 1, log: `::error::cannot read ${inputs.sarif_file}: ${(error as Error).message}` };
    }
  }
  throw new Error(`the workflow runner has no stand-in for ${uses}`);
}

/** A scratch folder for one workflow run. */
export function workflowDir(): string {
  return mkdtempSync(join(tmpdir(), 'faultline-workflow-'));
}

export function removeWorkflowDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
