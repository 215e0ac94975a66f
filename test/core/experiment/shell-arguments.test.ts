// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the experiment placeholder syntax under test
/**
 * A process provider's string `arguments` run through `sh -c` (Chaos Toolkit's semantics). The
 * experiment's own text is its author's shell; configuration values substituted into it (from
 * --var, the environment, secrets) are shell-quoted, so they can never become shell syntax.
 */
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellArgumentNotes, shellQuote, substituteShell } from '../../../core/experiment/bindings.ts';
import { runText } from './harness.ts';

const marker = join(tmpdir(), `faultline-pwned-${process.pid}`);
afterEach(() => rmSync(marker, { force: true }));

const experiment = (args: string) => `
title: shell
description: string arguments
configuration:
  greeting: hello
method:
  - type: action
    name: echo-it
    provider: { type: process, path: sh, arguments: ${JSON.stringify(args)} }
`;

describe('configuration values in a shell string', () => {
  it('cannot run a command: `x; touch /tmp/pwned` from --var stays one argument', async () => {
    const ran = await runText(experiment("-c 'printf %s \"$0\"' ${greeting}"), { vars: { greeting: `x; touch ${marker}` } });
    try {
      expect(existsSync(marker)).toBe(false);
      expect(ran.journal.run[0]?.output).toMatchObject({ status: 0, stdout: `x; touch ${marker}` });
    } finally {
      ran.cleanup();
    }
  });

  it('cannot break out with quotes, $(…) or backticks from the environment either', async () => {
    for (const value of [`'; touch ${marker}; '`, `$(touch ${marker})`, `\`touch ${marker}\``]) {
      const ran = await runText(
        `${experiment("-c 'printf %s \"$0\"' ${greeting}")}`.replace('greeting: hello', 'greeting: { type: env, key: GREETING }'),
        { env: { GREETING: value } },
      );
      try {
        expect(existsSync(marker)).toBe(false);
        expect(ran.journal.run[0]?.output).toMatchObject({ stdout: value });
      } finally {
        ran.cleanup();
      }
    }
  });

  it('leaves the author\'s own shell text as written', async () => {
    const ran = await runText(experiment("-c 'echo method ran; echo \"$0\"' ${greeting}"));
    try {
      expect(ran.journal.run[0]?.output).toMatchObject({ status: 0, stdout: 'method ran\nhello\n' });
    } finally {
      ran.cleanup();
    }
  });
});

describe('shellQuote and substituteShell', () => {
  it('quote every value as one word, single quotes included', () => {
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(substituteShell('--n ${n} --s ${s} ${unknown}', { n: 3, s: 'a b' })).toBe("--n '3' --s 'a b' ${unknown}");
  });

  it('chaos validate warns about a placeholder the author quoted again', () => {
    const notes = shellArgumentNotes({ method: [{ name: 'greet', provider: { type: 'process', path: 'sh', arguments: `-c 'echo "\${greeting}"'` } }] });
    expect(notes).toEqual([expect.stringContaining('activity "greet": ${greeting} is inside quotes in a shell string')]);
    expect(shellArgumentNotes({ method: [{ name: 'ok', provider: { type: 'process', path: 'echo', arguments: '${greeting}' } }] })).toEqual([]);
  });
});
