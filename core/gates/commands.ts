/**
 * `/faultline …` commands in pull-request comments. Comment bodies are written by anyone who can
 * comment, so they are only ever matched against a fixed grammar here: never interpolated into a
 * shell, a query or markup without escaping.
 *
 * A command counts only where it reads as one on the rendered page: a line of its own, in plain
 * text. Text inside fenced or indented code, block quotes (someone else's words) and HTML comments
 * (invisible) is never a command, so quoting or hiding a command cannot issue it.
 */

export const GATES = ['chaos', 'slo-budget', 'migrations', 'security', 'dr-drill'] as const;
export type GateName = (typeof GATES)[number];

export type Command =
  | { kind: 'rerun' }
  | { kind: 'override'; gate: GateName; reason: string }
  /** An approval names what it approves: a gate, or the request's comment id. */
  | { kind: 'approve'; gate?: GateName; commentId?: number }
  | { kind: 'revoke'; gate: GateName }
  | { kind: 'invalid'; text: string; problem: string };

const MAX_REASON = 500;

/** `chaos` and `faultline/chaos` both name the gate. */
export function gateNamed(word: string | undefined): GateName | undefined {
  const name = (word ?? '').toLowerCase().replace(/^faultline\//, '');
  return (GATES as readonly string[]).includes(name) ? (name as GateName) : undefined;
}

/** `#123`, `123` or a comment's URL (`…#issuecomment-123`) name the comment 123. */
function commentIdNamed(word: string): number | undefined {
  const match = /^(?:#?(\d{1,15})|https:\/\/\S+#issuecomment-(\d{1,15}))$/.exec(word);
  return match ? Number(match[1] ?? match[2]) : undefined;
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
      if (gate) return { kind: 'approve', gate };
      const commentId = commentIdNamed(words[0]!);
      if (commentId !== undefined) return { kind: 'approve', commentId };
      return { kind: 'invalid', text, problem: `unknown gate "${words[0]}": /faultline approve <gate> or /faultline approve #<comment id>` };
    }
    case 'revoke': {
      const gate = gateNamed(words[0]);
      return gate ? { kind: 'revoke', gate } : { kind: 'invalid', text, problem: `name a gate to revoke: ${GATES.join(', ')}` };
    }
    default:
      return { kind: 'invalid', text, problem: 'commands: rerun, override <gate> <reason>, approve <gate>|#<comment id>, revoke <gate>' };
  }
}

interface ClassifiedLine {
  text: string;
  /** plain: may carry a command; quoted: inside a block quote (text without the `>`); hidden: code. */
  place: 'plain' | 'quoted' | 'code';
}

/** HTML comments are invisible on the page; an unclosed one hides the rest of the body. */
function withoutHtmlComments(body: string): string {
  return body.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
}

/**
 * Splits a comment into lines and says where each one sits, as CommonMark renders it (closely
 * enough to fail closed: when in doubt a line is not plain text).
 */
function classifyLines(body: string): ClassifiedLine[] {
  const out: ClassifiedLine[] = [];
  let fence: { char: string; length: number } | undefined;
  let inQuote = false;
  for (const line of withoutHtmlComments(body).split(/\r\n|\r|\n/)) {
    const blank = line.trim() === '';
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = undefined;
      out.push({ text: line, place: 'code' });
    } else if (/^ {0,3}(`{3,}|~{3,})/.test(line)) {
      const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)![1]!;
      fence = { char: marker[0]!, length: marker.length };
      inQuote = false; // a fence is a block of its own: it ends a quote's lazy continuation
      out.push({ text: line, place: 'code' });
    } else if (/^ {0,3}>/.test(line)) {
      inQuote = true;
      out.push({ text: line.replace(/^ {0,3}>\s?/, ''), place: 'quoted' });
    } else if (inQuote && !blank) {
      // A lazy continuation line: without a blank line between, it still belongs to the quote.
      out.push({ text: line, place: 'quoted' });
    } else if (/^( {4,}|\t)/.test(line)) {
      // Indented code, or an indented continuation of a paragraph: either way a command must start
      // a line of its own within three columns, so this is not one.
      out.push({ text: line, place: 'code' });
    } else {
      out.push({ text: line, place: 'plain' });
    }
    if (blank) inQuote = false;
  }
  return out;
}

/** Every command in a comment, one per line, from plain text only. */
export function parseCommands(body: string): Command[] {
  return classifyLines(body)
    .filter((line) => line.place === 'plain')
    .map((line) => parseLine(line.text))
    .filter((command): command is Command => command !== undefined);
}

/** Override requests a comment quotes (`> /faultline override …`): an approval may name its request so. */
export function quotedOverrides(body: string): Extract<Command, { kind: 'override' }>[] {
  return classifyLines(body)
    .filter((line) => line.place === 'quoted')
    .map((line) => parseLine(line.text.replace(/^(\s*>\s?)+/, '')))
    .filter((command): command is Extract<Command, { kind: 'override' }> => command?.kind === 'override');
}
