/**
 * Textual edits of a user's statement for fixes (the parser has no deparser here): the suggestion
 * keeps the user's own formatting, names and options, changed only where the fix needs it.
 */

/**
 * Inserts CONCURRENTLY after the keyword `INDEX` (CREATE [UNIQUE] INDEX, DROP INDEX, REINDEX INDEX /
 * TABLE …); `keyword` is the word after which it goes.
 */
export function withConcurrently(sql: string, keyword: string): string {
  const pattern = new RegExp(`^(\\s*(?:CREATE\\s+(?:UNIQUE\\s+)?|DROP\\s+|REINDEX\\s+(?:\\([^)]*\\)\\s*)?)${keyword})\\b`, 'i');
  if (!pattern.test(sql)) return sql;
  return sql.replace(pattern, '$1 CONCURRENTLY');
}

/** Appends ` NOT VALID` to an ADD CONSTRAINT statement (before the final semicolon). */
export function withNotValid(sql: string): string {
  return `${sql.replace(/;\s*$/, '')} NOT VALID`;
}
