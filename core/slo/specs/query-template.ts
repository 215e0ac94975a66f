/**
 * Turns the PromQL a spec author wrote into a template with `{{window}}` standing for the range
 * the engine and the rules evaluate it over (`5m` … `28d`). The rules, in order:
 *
 * 1. A query that already says where the window goes keeps it: `{{window}}`, Sloth's `{{.window}}`
 *    and `{{ .window }}` all become `{{window}}`.
 * 2. A plain selector (`http_requests_total{code=~"5.."}`) is a counter whose increase is wanted:
 *    it becomes `sum(rate(<selector>[{{window}}]))`.
 * 3. A query with fixed ranges (`sum(rate(x[5m]))`) has every range replaced by `{{window}}`, since
 *    a ratio over 28 days cannot be computed from a 5-minute rate. Subqueries (`[1h:1m]`) are
 *    refused: their meaning does not survive the substitution.
 * 4. Anything else (e.g. `sum(x)`: an aggregation over raw counters) is refused with the rewrite to
 *    make, because Faultline cannot tell which part is meant to be windowed.
 */

export type TemplateResult = { template: string } | { problem: string; hint: string };

const WINDOW_PLACEHOLDER = /\{\{\s*\.?window\s*\}\}/g;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

export function toWindowTemplate(query: string): TemplateResult {
  const trimmed = query.trim();
  if (trimmed === '') return { problem: 'the query is empty', hint: 'write a PromQL query' };
  if (WINDOW_PLACEHOLDER.test(trimmed)) {
    WINDOW_PLACEHOLDER.lastIndex = 0;
    return { template: trimmed.replace(WINDOW_PLACEHOLDER, '{{window}}') };
  }
  if (isPlainSelector(trimmed)) return { template: `sum(rate(${trimmed}[{{window}}]))` };
  const ranges = replaceRanges(trimmed);
  if ('problem' in ranges) return ranges;
  if (ranges.count > 0) return { template: ranges.template };
  return {
    problem: `cannot tell over which window to evaluate "${trimmed}": it has neither a range nor {{window}}`,
    hint: 'put {{window}} where the range goes, e.g. sum(rate(http_requests_total{code=~"5.."}[{{window}}])), or give a plain counter selector',
  };
}

/** `name`, `name{matchers}` or `{matchers}`, and nothing else. */
export function isPlainSelector(query: string): boolean {
  let rest = query;
  const name = METRIC_NAME.exec(rest);
  if (name) rest = rest.slice(name[0].length).trimStart();
  if (rest === '') return name !== null;
  if (!rest.startsWith('{')) return false;
  const close = findClosing(rest, 0, '{', '}');
  return close !== -1 && rest.slice(close + 1).trim() === '';
}

/** Replaces `[<duration>]` outside string literals by `[{{window}}]`. */
function replaceRanges(query: string): { template: string; count: number } | { problem: string; hint: string } {
  let out = '';
  let count = 0;
  for (let i = 0; i < query.length; i++) {
    const ch = query[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      const end = skipString(query, i);
      out += query.slice(i, end + 1);
      i = end;
      continue;
    }
    if (ch === '[') {
      const close = query.indexOf(']', i);
      if (close === -1) return { problem: `unbalanced "[" in "${query}"`, hint: 'check the PromQL syntax' };
      const inside = query.slice(i + 1, close).trim();
      if (inside.includes(':')) {
        return {
          problem: `the subquery [${inside}] cannot be re-windowed`,
          hint: 'write the query with {{window}} where the SLO window should go',
        };
      }
      out += '[{{window}}]';
      count++;
      i = close;
      continue;
    }
    out += ch;
  }
  return { template: out, count };
}

function skipString(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') i++;
    else if (text[i] === quote) return i;
  }
  return text.length - 1;
}

function findClosing(text: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'" || ch === '`') i = skipString(text, i);
    else if (ch === open) depth++;
    else if (ch === close && --depth === 0) return i;
  }
  return -1;
}

/** Replaces `{{window}}` in a template by a concrete range such as `5m`. */
export function renderWindow(template: string, window: string): string {
  return template.replaceAll('{{window}}', window);
}
