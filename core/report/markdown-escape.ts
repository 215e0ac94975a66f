/**
 * Untrusted text (result names, summaries, messages, override reasons, paths) in Markdown that
 * GitHub renders: the PR comment and check-run summaries use these same helpers, so a crafted
 * string cannot add links, images, HTML, mentions, math or entities on either.
 */

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Neutralises Markdown/HTML control characters, mentions, bare URLs (GitHub autolinks them) and
 * character references (`&commat;` would render as `@`) in untrusted text, on one line.
 */
export function escapeMarkdown(text: string, max = 300): string {
  const clipped = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return clipped
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_{}[\]()#+!|<>~$]/g, (c) => `\\${c}`)
    .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/(\b[a-z][a-z0-9+.-]*):\/\//gi, `$1:${ZERO_WIDTH_SPACE}//`)
    .replace(/\bwww\./gi, `www${ZERO_WIDTH_SPACE}.`);
}

/**
 * Untrusted text as an inline code span: a backtick fence longer than any run of backticks in it
 * (so a path with backticks cannot close the span early), on one line. Nothing inside a code span
 * is Markdown, HTML, a mention or a link.
 */
export function codeSpan(text: string, max = 300): string {
  const clipped = (text.length > max ? `${text.slice(0, max - 1)}…` : text).replace(/[\r\n]+/g, ' ');
  const longestRun = Math.max(0, ...(clipped.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = clipped.startsWith('`') || clipped.endsWith('`') || longestRun > 0 ? ' ' : '';
  return `${fence}${pad}${clipped}${pad}${fence}`;
}
