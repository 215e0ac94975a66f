/**
 * Whether a string is PromQL, by Prometheus's own grammar (@prometheus-io/lezer-promql, the
 * parser of the Prometheus UI), and what kind of value it returns. Spec formats such as OpenSLO
 * let a metric source be `Any`; only a query that parses as PromQL can be sent to Prometheus.
 */
import { parser } from '@prometheus-io/lezer-promql';

const WINDOW_PLACEHOLDER = /\{\{\s*\.?window\s*\}\}/g;

export type PromqlCheck =
  | { ok: true; /** The grammar's name of the outermost expression, e.g. `VectorSelector`, `MatrixSelector`. */ top: string }
  | { ok: false; problem: string };

export function checkPromql(query: string): PromqlCheck {
  // A window placeholder stands for a duration; any duration parses the same.
  const text = query.replace(WINDOW_PLACEHOLDER, '5m');
  if (text.trim() === '') return { ok: false, problem: 'the query is empty' };
  const tree = parser.parse(text);
  let errorAt = -1;
  tree.iterate({
    enter: (node) => {
      if (errorAt >= 0) return false;
      if (node.type.isError) errorAt = node.from;
      return undefined;
    },
  });
  if (errorAt >= 0) {
    const near = text.slice(errorAt, errorAt + 20).split('\n')[0];
    return {
      ok: false,
      problem: `"${oneLine(text)}" is not PromQL: syntax error at character ${errorAt + 1}${near ? ` (near "${near}")` : ' (the query ends too early)'}`,
    };
  }
  let top = tree.topNode.firstChild;
  while (top && top.name === 'ParenExpr' && top.firstChild) top = top.firstChild;
  return { ok: true, top: top?.name ?? '' };
}

/** Whether an expression of the grammar's top node type yields a range vector (`x[5m]`, `x[1h:1m]`). */
export function isRangeVector(top: string): boolean {
  return top === 'MatrixSelector' || top === 'SubqueryExpr';
}

function oneLine(text: string): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}
