/**
 * `/faultline …` commands in pull-request comments. Comment bodies are written by anyone who can
 * comment, so they are only ever matched against a fixed grammar here: never interpolated into a
 * shell, a query or markup without escaping.
 */

export const GATES = ['chaos', 'slo-budget', 'migrations'] as const;
export type GateName = (typeof GATES)[number];

export type Command =
  | { kind: 'rerun' }
  | { kind: 'override'; gate: GateName; reason: string }
  | { kind: 'approve'; gate?: GateName }
  | { kind: 'revoke'; gate: GateName }
  | { kind: 'invalid'; text: string; problem: string };

const MAX_REASON = 500;

/** `chaos` and `faultline/chaos` both name the gate. */
export function gateNamed(word: string | undefined): GateName | undefined {
  const name = (word ?? '').toLowerCase().replace(/^faultline\//, '');
  return (GATES as readonly string[]).includes(name) ? (name as GateName) : undefined;
}

function parseLine(line: string): Command | undefined {
  const match = /^\/faultline(?:\s+(.*))?$/.exec(line.trim());
  if (!match) return undefined;
  const [verb = '', ...words] = (match[1] ?? '').trim().split(/\s+/);
  const text = line.trim().slice(0, 200);
  switch (verb.toLowerCase()) {
    case 'rerun':
      return { kind: 'rerun' };
    case 'override': {
      const gate = gateNamed(words[0]);
      if (!gate) return { kind: 'invalid', text, problem: `name a gate to override: ${GATES.join(', ')}` };
      const reason = words.slice(1).join(' ').trim();
      if (!reason) return { kind: 'invalid', text, problem: 'an override needs a reason: /faultline override <gate> <reason>' };
      return { kind: 'override', gate, reason: reason.slice(0, MAX_REASON) };
    }
    case 'approve': {
      if (words.length === 0 || words[0] === '') return { kind: 'approve' };
      const gate = gateNamed(words[0]);
      return gate ? { kind: 'approve', gate } : { kind: 'invalid', text, problem: `unknown gate "${words[0]}"` };
    }
    case 'revoke': {
      const gate = gateNamed(words[0]);
      return gate ? { kind: 'revoke', gate } : { kind: 'invalid', text, problem: `name a gate to revoke: ${GATES.join(', ')}` };
    }
    default:
      return { kind: 'invalid', text, problem: 'commands: rerun, override <gate> <reason>, approve [gate], revoke <gate>' };
  }
}

/** Every command in a comment, one per line; lines inside quotes (`> `) are someone else's words. */
export function parseCommands(body: string): Command[] {
  const commands: Command[] = [];
  let inFence = false;
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence || /^\s*>/.test(line)) continue;
    const command = parseLine(line);
    if (command) commands.push(command);
  }
  return commands;
}
