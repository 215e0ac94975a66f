/**
 * Runs an action's `run(env)` in-process the way the runner drives it: INPUT_* variables, the
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, workflow commands on stdout, process.exitCode.
 * Restores process.env, stdout and the exit code afterwards.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOutputs } from '../../cli/demo/game-day/action-run.ts';

export interface ActionRun {
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  exitCode: number | undefined;
  /** The JSON at the `result-file` output; {} when there is none. */
  result: Record<string, unknown>;
}

export { readOutputs };

export async function runActionInProcess(
  run: (env: NodeJS.ProcessEnv) => Promise<void>,
  workspace: string,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
): Promise<ActionRun> {
  const outputFile = join(workspace, 'output.txt');
  const summaryFile = join(workspace, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_EVENT_NAME: 'push',
    ...extraEnv,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  // @actions/core reads process.env for the file commands; the action itself reads only `env`.
  const saved = { ...process.env };
  Object.assign(process.env, env);
  let stdout = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  const previousExitCode = process.exitCode;
  process.exitCode = undefined;
  try {
    await run(env);
  } finally {
    process.stdout.write = write;
  }
  const exitCode = process.exitCode as number | undefined;
  process.exitCode = previousExitCode;
  process.env = saved;
  const outputs = readOutputs(outputFile);
  const resultPath = outputs['result-file'];
  return {
    outputs,
    summary: readFileSync(summaryFile, 'utf8'),
    stdout,
    exitCode,
    result: resultPath && existsSync(resultPath) ? JSON.parse(readFileSync(resultPath, 'utf8')) : {},
  };
}
