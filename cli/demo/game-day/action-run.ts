/**
 * Runs one of this repository's actions (its committed dist/, the code a runner executes) the way
 * a runner does: INPUT_* variables, the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, the workspace.
 * The game day uses it so that the result files the app judges are the ones the actions write.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaultlineError } from '../../../core/errors.ts';

const ROOT = new URL('../../..', import.meta.url).pathname.replace(/\/$/, '');

export interface ActionRunOutcome {
  exitCode: number | null;
  outputs: Record<string, string>;
  summary: string;
  /** The workflow commands and log lines the action printed. */
  log: string;
}

/** GITHUB_OUTPUT's `name<<delimiter` blocks → name → value. */
export function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([\w-]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const end = lines.indexOf(match[2]!, i + 1);
    outputs[match[1]!] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}

export async function runAction(action: string, workspace: string, inputs: Record<string, string>, env: NodeJS.ProcessEnv): Promise<ActionRunOutcome> {
  const outputFile = join(workspace, `.${action}-output`);
  const summaryFile = join(workspace, `.${action}-summary.md`);
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const runnerEnv: NodeJS.ProcessEnv = {
    PATH: env.PATH,
    HOME: env.HOME,
    TMPDIR: env.TMPDIR,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_EVENT_NAME: 'push',
  };
  for (const [name, value] of Object.entries(inputs)) runnerEnv[`INPUT_${name.toUpperCase()}`] = value;
  const child = spawn(process.execPath, [join(ROOT, 'actions', action, 'dist', 'index.js')], { cwd: workspace, env: runnerEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', (error) => reject(new FaultlineError(`cannot run the ${action} action: ${error.message}`)));
    child.once('close', (code) => resolve(code));
  });
  return { exitCode, outputs: readOutputs(outputFile), summary: readFileSync(summaryFile, 'utf8'), log };
}
