/**
 * Offsets in three units meet here: the parser reports UTF-8 byte offsets (statement locations) and
 * code-point offsets (error cursors), JavaScript strings index UTF-16 code units, and people read
 * 1-based lines and columns. Columns are counted in UTF-16 code units, as SARIF and editors do.
 */

/** Maps character offsets of one text to 1-based line and column (binary search over line starts). */
export class LineIndex {
  private readonly starts: number[];

  constructor(text: string) {
    const starts = [0];
    let i = text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.starts = starts;
  }

  position(offset: number): { line: number; column: number } {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /** Character offset where a 1-based line starts (clamped to the text). */
  lineStart(line: number): number {
    const index = Math.min(Math.max(line, 1), this.starts.length) - 1;
    return this.starts[index]!;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** How often the byte-to-char walk leaves a mark to resume from (in characters). */
const MARK_EVERY = 512;

/**
 * Returns a function converting UTF-8 byte offsets of `text` to character offsets. Offsets are
 * mostly asked for in increasing order, so it walks forward from the last answer; an earlier offset
 * (a rule asking where a node inside the statement is) resumes from the nearest mark before it
 * rather than from the start: a chunk is up to 128 KiB, and restarting there for every node made
 * non-ASCII files quadratic.
 */
export function byteToCharMapper(text: string): (byteOffset: number) => number {
  if (ASCII_ONLY.test(text)) return (byteOffset) => byteOffset;
  let bytes = 0;
  let chars = 0;
  // markBytes[i], markChars[i]: a position the walk passed, every MARK_EVERY characters or so.
  const markBytes = [0];
  const markChars = [0];
  return (byteOffset) => {
    // Marks lie behind the walk, so only an offset behind it needs one: the nearest at or before it.
    if (byteOffset < bytes) {
      let lo = 0;
      let hi = markBytes.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (markBytes[mid]! <= byteOffset) lo = mid;
        else hi = mid - 1;
      }
      bytes = markBytes[lo]!;
      chars = markChars[lo]!;
    }
    while (bytes < byteOffset && chars < text.length) {
      const code = text.charCodeAt(chars);
      if (code < 0x80) {
        bytes += 1;
        chars += 1;
      } else if (code < 0x800) {
        bytes += 2;
        chars += 1;
      } else if (code >= 0xd800 && code <= 0xdbff) {
        bytes += 4;
        chars += 2;
      } else {
        bytes += 3;
        chars += 1;
      }
      if (chars >= markChars[markChars.length - 1]! + MARK_EVERY) {
        markBytes.push(bytes);
        markChars.push(chars);
      }
    }
    return chars;
  };
}

/** Converts a code-point offset (the parser's error cursor) into a character offset of `text`. */
export function codePointToChar(text: string, codePoints: number): number {
  let chars = 0;
  for (let seen = 0; seen < codePoints && chars < text.length; seen++) {
    const code = text.charCodeAt(chars);
    chars += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return chars;
}

/** Length of a string in UTF-8 bytes (identifier limits are in bytes). */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
