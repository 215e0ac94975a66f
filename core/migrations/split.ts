/**
 * A small SQL lexer that finds top-level statement boundaries and comments without building any
 * tree, so a file of any size can be handed to the real parser a bounded chunk at a time. It knows
 * exactly what PostgreSQL's scanner knows about where a `;` cannot end a statement: quotes,
 * dollar quotes, nested block comments, parentheses and `BEGIN ATOMIC … END` function bodies
 * (tracked the way psql does). The parser has the final word on statement boundaries; this only
 * picks safe places to cut.
 */

export interface Segment {
  /** Character offset of the first token (comments and whitespace before it are skipped). */
  start: number;
  /** Character offset just past the terminating `;` (or the end of the text). */
  end: number;
  /** The statement's first word in lower case (`create`, `do`…), '' when it has none. */
  firstWord: string;
}

export interface LineComment {
  /** Character offset of the `--`. */
  start: number;
  /** Comment text without the leading `--` and without the line break. */
  text: string;
}

export interface SplitResult {
  segments: Segment[];
  comments: LineComment[];
  /**
   * At least the UTF-8 length of every identifier written outside literals and comments (keywords
   * included): a bound found on the way, so a file whose names are all short needs no closer look.
   */
  longestNameBytes: number;
}

/** At most how many UTF-8 bytes `text[from, to)` takes: one a unit when ASCII, else three. */
function utf8BytesBound(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) >= 128) return 3 * (to - from);
  return to - from;
}

const SEMICOLON = 59;
const QUOTE = 39;
const DQUOTE = 34;
const DOLLAR = 36;
const DASH = 45;
const SLASH = 47;
const STAR = 42;
const LPAREN = 40;
const RPAREN = 41;
const BACKSLASH = 92;

function isIdentStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code >= 128;
}

function isIdentChar(code: number): boolean {
  return isIdentStart(code) || (code >= 48 && code <= 57) || code === DOLLAR;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11;
}

/** Index just past a `--` comment starting at `i` (stops before the newline). */
function skipLineComment(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl === -1 ? text.length : nl;
}

/** Index just past a (nested) block comment starting at `i`; the end of text when unterminated. */
function skipBlockComment(text: string, i: number): number {
  let depth = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      depth++;
      i += 2;
    } else if (c === STAR && text.charCodeAt(i + 1) === SLASH) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return n;
}

/** Index just past a quoted string/identifier opened at `i`; `backslash` for E'…' strings. */
function skipQuoted(text: string, i: number, quote: number, backslash: boolean): number {
  const n = text.length;
  i++;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (backslash && c === BACKSLASH) {
      i += 2;
    } else if (c === quote) {
      if (text.charCodeAt(i + 1) === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return n;
}

/** The `$tag$` opening at `i`, or undefined when `$` starts no dollar quote (e.g. `$1`). */
export function dollarTagAt(text: string, i: number): string | undefined {
  let j = i + 1;
  const first = text.charCodeAt(j);
  if (first === DOLLAR) return '$$';
  if (!isIdentStart(first)) return undefined;
  j++;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === DOLLAR) return text.slice(i, j + 1);
    if (!isIdentChar(c) || c === DOLLAR) return undefined;
    j++;
  }
  return undefined;
}

/** Skips whitespace and comments from `i`; returns the index of the next token (or the end). */
export function skipTrivia(text: string, i: number, end = text.length): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) i++;
    else if (c === DASH && text.charCodeAt(i + 1) === DASH) i = skipLineComment(text, i);
    else if (c === SLASH && text.charCodeAt(i + 1) === STAR) i = skipBlockComment(text, i);
    else return i;
  }
  return end;
}

/**
 * Tracks the first words of a statement to recognise `CREATE [OR REPLACE] FUNCTION|PROCEDURE`,
 * whose SQL-standard body (`BEGIN ATOMIC … END`) contains semicolons that do not end it.
 */
class RoutineBodyTracker {
  words: string[] = [];
  beginDepth = 0;
  private routine = false;

  reset(): void {
    this.words.length = 0;
    this.beginDepth = 0;
    this.routine = false;
  }

  /** Whether the next word matters: one of the first four, or any word of a routine. */
  get listening(): boolean {
    return this.routine || this.words.length < 4;
  }

  private isRoutine(): boolean {
    const w = this.words;
    if (w[0] !== 'create') return false;
    if (w[1] === 'function' || w[1] === 'procedure') return true;
    return w[1] === 'or' && w[2] === 'replace' && (w[3] === 'function' || w[3] === 'procedure');
  }

  word(lower: string): void {
    if (this.words.length < 4) {
      this.words.push(lower);
      this.routine = this.isRoutine();
    }
    if (!this.routine) return;
    if (lower === 'begin') this.beginDepth++;
    else if (lower === 'case' && this.beginDepth > 0) this.beginDepth++;
    else if (lower === 'end' && this.beginDepth > 0) this.beginDepth--;
  }
}

/** Splits SQL text into top-level statements and collects its `--` comments. */
export function splitStatements(text: string): SplitResult {
  const segments: Segment[] = [];
  const comments: LineComment[] = [];
  const routine = new RoutineBodyTracker();
  const n = text.length;
  let i = 0;
  let start = -1;
  let parens = 0;
  let longestNameBytes = 0;

  const finish = (end: number): void => {
    if (start !== -1) segments.push({ start, end, firstWord: routine.words[0] ?? '' });
    start = -1;
    parens = 0;
    routine.reset();
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === DASH && text.charCodeAt(i + 1) === DASH) {
      const end = skipLineComment(text, i);
      comments.push({ start: i, text: text.slice(i + 2, end).replace(/\r$/, '') });
      i = end;
      continue;
    }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      i = skipBlockComment(text, i);
      continue;
    }
    if (c === SEMICOLON) {
      if (parens === 0 && routine.beginDepth === 0) finish(i + 1);
      i++;
      continue;
    }
    if (start === -1) start = i;
    if (c === QUOTE) {
      i = skipQuoted(text, i, QUOTE, false);
    } else if (c === DQUOTE) {
      const end = skipQuoted(text, i, DQUOTE, false);
      longestNameBytes = Math.max(longestNameBytes, utf8BytesBound(text, i + 1, end - 1));
      i = end;
    } else if (c === DOLLAR) {
      const tag = dollarTagAt(text, i);
      if (tag) {
        const close = text.indexOf(tag, i + tag.length);
        i = close === -1 ? n : close + tag.length;
      } else {
        i++;
        while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      }
    } else if (c === LPAREN) {
      parens++;
      i++;
    } else if (c === RPAREN) {
      if (parens > 0) parens--;
      i++;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(text.charCodeAt(j))) j++;
      // E'…' (and e'…') strings honour backslash escapes; U&'…' and B'…' / X'…' do not.
      if (j === i + 1 && (c === 69 || c === 101) && text.charCodeAt(j) === QUOTE) {
        i = skipQuoted(text, j, QUOTE, true);
        continue;
      }
      if (j - i > longestNameBytes / 3) longestNameBytes = Math.max(longestNameBytes, utf8BytesBound(text, i, j));
      // Only short words matter (create/or/replace/function/procedure/begin/case/end/do).
      if (routine.listening) routine.word(j - i <= 9 ? text.slice(i, j).toLowerCase() : '');
      i = j;
    } else {
      i++;
    }
  }
  finish(n);
  return { segments, comments, longestNameBytes };
}

export interface IdentifierToken {
  /** The identifier as PostgreSQL sees it before truncation: unquoted ones folded to lower case. */
  name: string;
  /** Character offset of the token in the text. */
  offset: number;
}

/**
 * Every identifier token of a statement of at least `minLength` characters, untruncated. (The
 * parser truncates identifiers to 63 bytes as it scans, so checks on their length must read the
 * text.) Shorter tokens are skipped before anything is allocated for them.
 */
export function identifierTokens(text: string, minLength = 0): IdentifierToken[] {
  const out: IdentifierToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === DASH && text.charCodeAt(i + 1) === DASH) i = skipLineComment(text, i);
    else if (c === SLASH && text.charCodeAt(i + 1) === STAR) i = skipBlockComment(text, i);
    else if (c === QUOTE) i = skipQuoted(text, i, QUOTE, false);
    else if (c === DQUOTE) {
      const end = skipQuoted(text, i, DQUOTE, false);
      // The raw text is at least as long as the name ("" stands for one ").
      if (end - i - 2 >= minLength) {
        const name = text.slice(i + 1, end - 1).replaceAll('""', '"');
        if (name.length >= minLength) out.push({ name, offset: i });
      }
      i = end;
    } else if (c === DOLLAR) {
      const tag = dollarTagAt(text, i);
      if (tag) {
        const close = text.indexOf(tag, i + tag.length);
        i = close === -1 ? n : close + tag.length;
      } else i++;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(text.charCodeAt(j))) j++;
      if (j === i + 1 && (c === 69 || c === 101) && text.charCodeAt(j) === QUOTE) {
        i = skipQuoted(text, j, QUOTE, true);
        continue;
      }
      if (text.charCodeAt(j) === QUOTE && j - i <= 2) {
        // U&'…', B'…', X'…', N'…' literals: not identifiers.
        i = skipQuoted(text, j, QUOTE, false);
        continue;
      }
      if (j - i >= minLength) out.push({ name: text.slice(i, j).toLowerCase(), offset: i });
      i = j;
    } else if (c >= 48 && c <= 57) {
      // Numbers (and their exponent letters) are not identifiers.
      let j = i + 1;
      while (j < n && isIdentChar(text.charCodeAt(j))) j++;
      i = j;
    } else i++;
  }
  return out;
}
