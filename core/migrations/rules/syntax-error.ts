import { TOO_DEEP } from '../sql-parser.ts';
import { SYNTAX_ERROR_KIND, type SyntaxErrorNode } from '../statements.ts';
import type { Rule } from '../types.ts';

/** Text PostgreSQL's parser rejects: the migration would fail right there. */
export const syntaxError: Rule = {
  id: 'syntax-error',
  defaultSeverity: 'error',
  kinds: ['SyntaxError'],
  summary: "SQL that PostgreSQL's parser rejects (its own message, line and column)",
  description:
    'The file is parsed with PostgreSQL\'s own parser; where it stops, the migration would fail. The ' +
    'finding carries the parser\'s message at the position it points to. The linter carries on with the ' +
    'next statement, so one typo does not hide the rest of the file. A statement nested too deeply to ' +
    'check (a parse tree over 2,000 levels, such as a sum of a thousand terms) is reported here too, and ' +
    'fails the gate the same way on every run.',
  check(statement) {
    if (statement.kind !== SYNTAX_ERROR_KIND) return [];
    const error = statement.node as unknown as SyntaxErrorNode;
    return [
      {
        message: error.message.endsWith(TOO_DEEP) ? `Faultline cannot check this: ${error.message}.` : `PostgreSQL cannot parse this: ${error.message}.`,
        lock: null,
        blocks: [],
        rewrite: false,
        fix: `-- correct the SQL at line ${error.line}, column ${error.column}`,
        line: error.line,
        column: error.column,
      },
    ];
  },
};
