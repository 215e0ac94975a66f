/**
 * Runs a program to completion with a deadline, shared by the command probe and Chaos Toolkit's
 * process provider. Output is capped so a chatty program cannot fill the journal.
 */
import { spawn } from 'node:child_process';
import { ProbeFailed } from './request.ts';

export interface ProgramRun {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

const MAX_OUTPUT = 64 * 1024;

export function runProgram(
  file: string,
  args: string[],
  options: { shell?: boolean; timeoutMs: number; signal?: AbortSignal; input?: string; cwd?: string },
): Promise<ProgramRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      shell: options.shell ?? false,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      signal: options.signal,
      timeout: options.timeoutMs,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    const started = Date.now();
    child.on('error', (error) => {
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT') reject(new ProbeFailed(`cannot run "${file}": no such program`));
      else if (code === 'EACCES') reject(new ProbeFailed(`cannot run "${file}": permission denied`));
      else if (error.name === 'AbortError') reject(new ProbeFailed(`"${file}" was stopped: the run was cancelled`));
      else reject(new ProbeFailed(`cannot run "${file}": ${error.message}`));
    });
    child.on('close', (status, signal) => {
      if (signal === 'SIGKILL' && Date.now() - started >= options.timeoutMs - 5) {
        reject(new ProbeFailed(`"${file}" did not finish within ${options.timeoutMs} ms and was killed`));
        return;
      }
      resolve({ status, signal, stdout: stdout.slice(0, MAX_OUTPUT), stderr: stderr.slice(0, MAX_OUTPUT) });
    });
  });
}
