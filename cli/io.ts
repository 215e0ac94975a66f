/** What a CLI command may touch: its arguments and two streams. Tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Standard input, for commands that read it (`-` as a PATH); absent when there is none. */
  stdin?: NodeJS.ReadableStream;
  /** Colour and progress decorations only when a person is watching. */
  colour: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  /** `faultline <name> …` */
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/**
 * Colour follows the common conventions, in this order: `--color=always|never`, then NO_COLOR
 * (https://no-color.org, any non-empty value), then FORCE_COLOR (non-empty and not "0"), then
 * whether stdout is a terminal.
 */
export function colourFrom(when: 'auto' | 'always' | 'never', env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (when === 'always') return true;
  if (when === 'never') return false;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return isTTY;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    colour: colourFrom('auto', process.env, Boolean(process.stdout.isTTY)),
    cwd: process.cwd(),
    env: process.env,
  };
}

export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}
