/** Completion scripts come from the command table: every command, subcommand and option completes. */
import { execFileSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { main } from '../../cli/main.ts';

async function script(shell: string): Promise<string> {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (c: Buffer) => {
    text += c.toString();
  });
  const code = await main(['completion', shell], { stdout, stderr: new PassThrough(), colour: false, cwd: tmpdir(), env: {} });
  expect(code).toBe(0);
  return text;
}

/** What bash offers for the words typed so far (the last one is being completed). */
function bashComplete(source: string, words: string[]): string[] {
  const program = `${source}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _faultline; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', program], { cwd: tmpdir(), encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('faultline completion', () => {
  it('bash completes commands, subcommands and each command’s options', async () => {
    const source = await script('bash');
    expect(bashComplete(source, ['faultline', 'mi'])).toEqual(['migrations']);
    expect(bashComplete(source, ['faultline', 'chaos', 'r'])).toEqual(['run', 'rollback']);
    expect(bashComplete(source, ['faultline', 'slo', 'status', '--pro'])).toEqual(['--prometheus']);
    expect(bashComplete(source, ['faultline', 'migrations', 'lint', '--conf'])).toEqual(['--config']);
  });

  it('zsh and fish name every command with its summary', async () => {
    const zsh = await script('zsh');
    const fish = await script('fish');
    expect(zsh).toMatch(/^#compdef faultline/);
    for (const command of ['chaos', 'migrations', 'slo', 'app', 'demo', 'version', 'completion']) {
      expect(zsh).toContain(`'${command}:`);
      expect(fish).toContain(`-a ${command} -d '`);
    }
    expect(fish).toContain("complete -c faultline -n '__fish_seen_subcommand_from slo' -l prometheus");
  });
});
