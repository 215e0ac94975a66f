/**
 * `faultline completion bash|zsh|fish`: a completion script built from the command table, so a
 * new command or option completes without anyone editing a script by hand.
 */
import { type CliCommand, writeLine } from '../io.ts';
import { usageError } from '../args.ts';
import { commands } from './index.ts';

interface CompletionEntry {
  name: string;
  summary: string;
  subcommands: string[];
  options: string[];
}

/** Every `--option` a command's help text names, in order, once. */
export function optionsOf(usage: string): string[] {
  return [...new Set(usage.match(/--[a-z][a-z0-9-]*/g) ?? [])];
}

async function entries(): Promise<CompletionEntry[]> {
  const list: CompletionEntry[] = [];
  for (const [name, entry] of Object.entries(commands)) {
    const command = await entry.load();
    list.push({ name, summary: entry.summary, subcommands: entry.subcommands ?? [], options: [...optionsOf(command.usage), '--help'] });
  }
  return list;
}

const single = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

function bash(list: CompletionEntry[]): string {
  const cases = list.map((e) => `    ${e.name}) subs=${single(e.subcommands.join(' '))}; opts=${single([...new Set(e.options)].join(' '))} ;;`).join('\n');
  return `# faultline completion for bash. Load it with:  source <(faultline completion bash)
_faultline() {
  local cur=\${COMP_WORDS[COMP_CWORD]} subs='' opts=''
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W ${single(`${list.map((e) => e.name).join(' ')} help --help --version`)} -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  elif [ "$COMP_CWORD" -eq 2 ] && [ -n "$subs" ]; then
    COMPREPLY=($(compgen -W "$subs" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _faultline faultline
`;
}

function zsh(list: CompletionEntry[]): string {
  const described = list.map((e) => `    ${single(`${e.name}:${e.summary.replaceAll(':', '\\:')}`)}`).join('\n');
  const cases = list
    .map((e) => `    ${e.name}) subs=(${e.subcommands.map(single).join(' ')}); opts=(${[...new Set(e.options)].map(single).join(' ')}) ;;`)
    .join('\n');
  return `#compdef faultline
# faultline completion for zsh. Load it with:  source <(faultline completion zsh)
# (or save it as _faultline in a folder on $fpath)
_faultline() {
  local -a commands subs opts
  commands=(
${described}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case $words[2] in
${cases}
  esac
  if [[ $PREFIX == -* ]]; then
    compadd -- $opts
  elif (( CURRENT == 3 )) && (( \${#subs} > 0 )); then
    compadd -- $subs
  else
    _files
  fi
}
compdef _faultline faultline
`;
}

function fish(list: CompletionEntry[]): string {
  const lines = ['# faultline completion for fish. Load it with:  faultline completion fish | source', 'complete -c faultline -e'];
  for (const e of list) {
    lines.push(`complete -c faultline -f -n __fish_use_subcommand -a ${e.name} -d ${single(e.summary)}`);
    if (e.subcommands.length > 0) lines.push(`complete -c faultline -f -n ${single(`__fish_seen_subcommand_from ${e.name}`)} -a ${single(e.subcommands.join(' '))}`);
    for (const option of new Set(e.options)) lines.push(`complete -c faultline -n ${single(`__fish_seen_subcommand_from ${e.name}`)} -l ${option.slice(2)}`);
  }
  return `${lines.join('\n')}\n`;
}

const SHELLS = { bash, zsh, fish } as const;

const usage = `Usage: faultline completion bash|zsh|fish

Prints a completion script for the shell: commands, subcommands and options.
  bash:  source <(faultline completion bash)     (add it to ~/.bashrc)
  zsh:   source <(faultline completion zsh)      (add it to ~/.zshrc)
  fish:  faultline completion fish > ~/.config/fish/completions/faultline.fish`;

export const command: CliCommand = {
  name: 'completion',
  summary: 'print a shell completion script: faultline completion bash|zsh|fish',
  usage,
  async run(args, io) {
    const [shell, ...rest] = args;
    if (shell === '--help' || shell === '-h') {
      writeLine(io.stdout, usage);
      return 0;
    }
    if (!shell) throw usageError('which shell? faultline completion bash|zsh|fish', 'completion');
    if (rest.length > 0) throw usageError(`unexpected argument "${rest[0]}"`, 'completion');
    const render = SHELLS[shell as keyof typeof SHELLS];
    if (!render) throw usageError(`unknown shell "${shell}": choose bash, zsh or fish`, 'completion');
    io.stdout.write(render(await entries()));
    return 0;
  },
};
