import type { Rule } from '../types.ts';

/** A BEGIN with no COMMIT: what happens depends on the tool, and locks may stay held. */
export const uncommittedTransaction: Rule = {
  id: 'uncommitted-transaction',
  defaultSeverity: 'error',
  kinds: [],
  summary: 'A transaction opened with BEGIN is never committed in the file',
  description:
    'When the file ends inside BEGIN … with no COMMIT, the outcome depends on the tool: psql rolls the ' +
    'work back at disconnect, some runners keep the session (and its locks) open, others commit. End ' +
    'every transaction you open in the same file.',
  // A file-level rule: nothing to judge per statement; the verdict comes at the end of the file.
  check: () => [],
  checkEnd(context) {
    const open = context.openTransaction;
    if (!open) return [];
    return [
      {
        message: `The transaction opened at line ${open.line} is never committed: the file ends inside it, so its changes may be rolled back or its locks left held.`,
        lock: null,
        blocks: [],
        rewrite: false,
        fix: 'COMMIT; -- at the end of the file',
        line: open.line,
        column: open.column,
      },
    ];
  },
};
