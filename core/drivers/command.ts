/**
 * Running system tools (iptables, tc, ip) without a shell: the file and an argument array go
 * straight to execve, so nothing from an experiment is ever interpreted by a shell. A missing
 * binary becomes an error naming the Debian package that provides it.
 */
import { execFile } from 'node:child_process';
import { basename } from 'node:path';
import { FaultlineError } from '../errors.ts';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Small seam so the network driver's command lines can be checked without root. */
export interface CommandRunner {
  run(file: string, args: readonly string[], options?: { timeoutMs?: number }): Promise<CommandResult>;
}

/** Debian packages of the tools the drivers call. */
export const DEBIAN_PACKAGES: Record<string, string> = {
  iptables: 'iptables',
  ip6tables: 'iptables',
  tc: 'iproute2',
  ip: 'iproute2',
  'stress-ng': 'stress-ng',
};

export function missingBinaryError(binary: string, cause?: unknown): FaultlineError {
  const name = basename(binary);
  const pkg = DEBIAN_PACKAGES[name] ?? name;
  const where = name === binary ? '' : ` (looked for ${binary})`;
  return new FaultlineError(`"${name}" is not installed on this machine${where}`, {
    hint: `install the Debian/Ubuntu package "${pkg}" (sudo apt-get install -y ${pkg}) on the runner`,
    exitCode: 1,
    cause,
  });
}

export const execFileRunner: CommandRunner = {
  run(file, args, options = {}) {
    return new Promise((resolve, reject) => {
      execFile(
        file,
        [...args],
        { timeout: options.timeoutMs ?? 30_000, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' },
        (error, stdout, stderr) => {
          if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
            reject(missingBinaryError(file, error));
            return;
          }
          if (error && typeof error.code !== 'number') {
            reject(new FaultlineError(`${file} did not finish: ${error.message}`, { exitCode: 1, cause: error }));
            return;
          }
          resolve({ exitCode: error ? Number(error.code) : 0, stdout, stderr });
        },
      );
    });
  },
};

/**
 * Runs a tool on the host or inside a network namespace (`ip netns exec NAME tool ...`). Inside a
 * namespace a missing tool shows up as ip's own "exec of ... failed" message, mapped the same way.
 */
export async function runTool(
  runner: CommandRunner,
  netns: string | undefined,
  tool: string,
  args: readonly string[],
): Promise<CommandResult> {
  const result = netns
    ? await runner.run('ip', ['netns', 'exec', netns, tool, ...args])
    : await runner.run(tool, args);
  if (netns && result.exitCode !== 0) {
    if (/exec of "?[^"]*"? failed: No such file/.test(result.stderr)) throw missingBinaryError(tool);
    if (/Cannot open network namespace/.test(result.stderr)) {
      throw new FaultlineError(`network namespace "${netns}" does not exist`, {
        hint: 'create it first (ip netns add NAME) or remove the "netns" argument to act on the host',
        exitCode: 1,
      });
    }
  }
  return result;
}

/** Runs a tool and turns a non-zero exit into an error quoting the command and its stderr. */
export async function runToolOrFail(
  runner: CommandRunner,
  netns: string | undefined,
  tool: string,
  args: readonly string[],
): Promise<CommandResult> {
  const result = await runTool(runner, netns, tool, args);
  if (result.exitCode !== 0) {
    const where = netns ? ` in network namespace "${netns}"` : '';
    throw new FaultlineError(
      `${tool} ${args.join(' ')}${where} failed (exit ${result.exitCode}): ${result.stderr.trim() || result.stdout.trim()}`,
      { exitCode: 1, hint: 'the driver needs root (CAP_NET_ADMIN); on GitHub-hosted runners run it with sudo' },
    );
  }
  return result;
}
