import { stringList } from '../ast.ts';
import { quoteIdent } from '../identifiers.ts';
import { utf8Length } from '../positions.ts';
import { identifierTokens } from '../split.ts';
import type { Rule, RuleHit } from '../types.ts';

const MAX_BYTES = 63;
// A UTF-16 code unit is at most 3 UTF-8 bytes (a surrogate pair, 2 units, is 4), so a name over 63
// bytes has at least 22 code units: shorter tokens cannot be too long and are not even looked at.
const MIN_UNITS_OVER_LIMIT = Math.ceil((MAX_BYTES + 1) / 3);

/** `name` cut to 63 bytes at a character boundary, as PostgreSQL stores it. */
export function truncateIdentifier(name: string): string {
  let out = '';
  let bytes = 0;
  for (const ch of name) {
    const size = utf8Length(ch);
    if (bytes + size > MAX_BYTES) break;
    out += ch;
    bytes += size;
  }
  return out;
}

/** PostgreSQL silently truncates identifiers longer than 63 bytes; code using the full name breaks. */
export const identifierTooLong: Rule = {
  id: 'identifier-too-long',
  defaultSeverity: 'error',
  summary: 'An identifier longer than 63 bytes (PostgreSQL silently truncates it)',
  description:
    'PostgreSQL keeps only the first 63 bytes of an identifier (NAMEDATALEN - 1) and only says so in a ' +
    'NOTICE. Two long names that share their first 63 bytes collide, and application code, ORMs and later ' +
    'migrations that use the full name no longer find the object. Bytes, not characters: ü or é take two ' +
    'bytes, so a 40-character name can already be too long. Enum labels have the same limit and fail outright.',
  check(statement, context) {
    if (statement.kind === 'SyntaxError') return [];
    const seen = new Set<string>();
    const hits: RuleHit[] = [];
    // The splitter bounded the names of the file's own text; SQL run by DO blocks is not part of it.
    const mayBeTooLong = statement.fromDoBlock || context.longestNameBytes > MAX_BYTES;
    const tokens = mayBeTooLong ? identifierTokens(statement.text, MIN_UNITS_OVER_LIMIT) : [];
    for (const token of tokens) {
      const bytes = utf8Length(token.name);
      if (bytes <= MAX_BYTES || seen.has(token.name)) continue;
      seen.add(token.name);
      const before = statement.text.slice(0, token.offset);
      const newlines = before.split('\n').length - 1;
      const column = newlines === 0 ? statement.column + token.offset : token.offset - before.lastIndexOf('\n');
      hits.push({
        message: `The identifier ${quoteIdent(token.name)} is ${bytes} bytes; PostgreSQL keeps only 63 and names the object ${quoteIdent(truncateIdentifier(token.name))}.`,
        lock: null,
        blocks: [],
        rewrite: false,
        fix: `-- choose a name of at most 63 bytes, e.g.\n${quoteIdent(shorten(token.name))}`,
        line: statement.line + newlines,
        column,
      });
    }
    const labels: string[] = [];
    if (statement.kind === 'CreateEnumStmt') labels.push(...stringList(statement.node.vals));
    if (statement.kind === 'AlterEnumStmt' && typeof statement.node.newVal === 'string') labels.push(statement.node.newVal);
    for (const label of labels) {
      const bytes = utf8Length(label);
      if (bytes <= MAX_BYTES) continue;
      hits.push({
        message: `The enum label '${label}' is ${bytes} bytes; PostgreSQL rejects labels over 63 bytes and the migration fails.`,
        lock: null,
        blocks: [],
        rewrite: false,
        fix: `-- use a label of at most 63 bytes, e.g. '${truncateIdentifier(label)}'`,
      });
    }
    return hits;
  },
};

/** A readable short form: drop vowels inside words first, then cut. */
function shorten(name: string): string {
  const squeezed = name.replace(/([a-z])[aeiou]+(?=[a-z])/g, '$1');
  return truncateIdentifier(squeezed);
}
