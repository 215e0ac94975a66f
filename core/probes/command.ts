/** Command probe: run a program; `ok` when it exits with the expected code (0 unless told). */
import { FaultlineError } from '../errors.ts';
import { asArgs, optionalNumber, rejectUnknown, timeoutMs } from './arguments.ts';
import { runProgram } from './spawn.ts';
import type { Probe } from './types.ts';

export interface CommandProbeArgs {
  /** A string runs through /bin/sh; a list runs the program directly. */
  command: string | string[];
  timeoutMs: number;
  expectExit: number;
}

export const commandProbe: Probe<CommandProbeArgs> = {
  kind: 'command',
  tolerances: ['boolean', 'number', 'string', 'list', 'regex', 'jsonpath', 'range', 'probe'],
  validate(raw) {
    const args = asArgs(raw, 'command');
    rejectUnknown(args, 'command', ['command', 'timeout', 'expect_exit']);
    const command = args.command;
    const valid =
      (typeof command === 'string' && command.trim() !== '') ||
      (Array.isArray(command) && command.length > 0 && command.every((c) => typeof c === 'string'));
    if (!valid) {
      throw new FaultlineError('probe command: argument "command" must be a shell command string or a list [program, args...]');
    }
    return {
      command: command as string | string[],
      timeoutMs: timeoutMs(args, 'command', 30),
      expectExit: optionalNumber(args, 'expect_exit', 'command', { min: 0, max: 255, integer: true }) ?? 0,
    };
  },
  describe: (args) => `runs ${Array.isArray(args.command) ? args.command.join(' ') : args.command}`,
  async run(args, context) {
    const run = Array.isArray(args.command)
      ? await runProgram(args.command[0]!, args.command.slice(1), { timeoutMs: args.timeoutMs, signal: context.signal })
      : await runProgram('/bin/sh', ['-c', args.command], { timeoutMs: args.timeoutMs, signal: context.signal });
    return { ok: run.status === args.expectExit, value: run.status, status: run.status, stdout: run.stdout, stderr: run.stderr };
  },
};
