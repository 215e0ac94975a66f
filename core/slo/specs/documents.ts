/**
 * Splits a multi-document YAML stream into one text per document, so each can go through the
 * shared single-document loader (`loadValidated`). Each piece is padded with the blank lines that
 * preceded it, so line numbers in errors stay those of the original file.
 *
 * A `---` or `...` at the start of a line always ends a document in YAML (even inside a block
 * scalar), so splitting on lines is exact.
 */

export interface YamlDocumentText {
  /** The document, preceded by as many newlines as lines before it in the file. */
  text: string;
  /** 1-based line where the document starts (its `---` line, if any). */
  startLine: number;
}

const DOCUMENT_START = /^---(\s|$)/;
const DOCUMENT_END = /^\.\.\.(\s|$)/;

export function splitYamlDocuments(text: string): YamlDocumentText[] {
  const lines = text.split(/\r?\n/);
  const documents: YamlDocumentText[] = [];
  let start = 0;
  const flush = (end: number) => {
    const body = lines.slice(start, end);
    if (body.some((line) => hasContent(line))) {
      documents.push({ text: '\n'.repeat(start) + body.join('\n') + '\n', startLine: start + 1 });
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (DOCUMENT_START.test(line) && i > start) {
      flush(i);
      start = i;
    } else if (DOCUMENT_END.test(line)) {
      flush(i);
      start = i + 1;
    }
  }
  flush(lines.length);
  return documents;
}

/** A line that is more than blanks, a comment, a directive or a bare `---`. */
function hasContent(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('%')) return false;
  if (DOCUMENT_START.test(trimmed)) return !/^---\s*(#.*)?$/.test(trimmed);
  return true;
}
