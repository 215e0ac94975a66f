/**
 * GitHub Actions expressions, as much of the language as our workflows use: contexts by dotted
 * path (`inputs.x`, `steps.gate.outputs.errors`, `jobs.drill.outputs.verdict`), string, number and
 * boolean literals, `==` `!=` `&&` `||` `!`, parentheses, and the functions always(), success(),
 * failure(), cancelled(), contains(), startsWith() and format(). Anything else throws, so a workflow
 * that grows past this evaluator fails its test instead of being misread.
 */

export type Value = string | number | boolean | null | undefined | Record<string, unknown> | unknown[];

export interface ExpressionContext {
  contexts: Record<string, unknown>;
  /** What success() and failure() see: whether an earlier step (or a needed job) failed. */
  failed: boolean;
}

type Token = { kind: 'str' | 'num' | 'id' | 'op'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:'((?:[^']|'')*)'|(\d+(?:\.\d+)?)|([A-Za-z_][\w-]*)|(==|!=|&&|\|\||[!().,[\]*]))/y;
  let at = 0;
  while (at < source.length) {
    if (/^\s*$/.test(source.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(source);
    if (!match) throw new Error(`expression: cannot read "${source.slice(at)}" in "${source}"`);
    at = pattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: 'str', text: match[1].replace(/''/g, "'") });
    else if (match[2] !== undefined) tokens.push({ kind: 'num', text: match[2] });
    else if (match[3] !== undefined) tokens.push({ kind: 'id', text: match[3] });
    else tokens.push({ kind: 'op', text: match[4]! });
  }
  return tokens;
}

function truthy(value: Value): boolean {
  return !(value === false || value === 0 || value === '' || value === null || value === undefined || Number.isNaN(value));
}

function toNumber(value: Value): number {
  if (value === null || value === undefined || value === '') return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value.trim());
  return Number.NaN;
}

/** GitHub's loose equality: strings case-insensitively, mixed types as numbers. */
function equal(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b && typeof a !== 'object') return a === b;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return toNumber(a) === toNumber(b);
}

export function asString(value: Value): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function evaluate(source: string, context: ExpressionContext): Value {
  const tokens = tokenize(source);
  let i = 0;
  const peek = () => tokens[i];
  const take = (text?: string) => {
    const token = tokens[i++];
    if (!token || (text !== undefined && token.text !== text)) throw new Error(`expression: expected ${text ?? 'more'} in "${source}"`);
    return token;
  };

  function or(): Value {
    let left = and();
    while (peek()?.text === '||') {
      take();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  }
  function and(): Value {
    let left = comparison();
    while (peek()?.text === '&&') {
      take();
      const right = comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  }
  function comparison(): Value {
    const left = unary();
    const op = peek()?.text;
    if (op === '==' || op === '!=') {
      take();
      const same = equal(left, unary());
      return op === '==' ? same : !same;
    }
    return left;
  }
  function unary(): Value {
    if (peek()?.text === '!') {
      take();
      return !truthy(unary());
    }
    return primary();
  }
  function call(name: string): Value {
    const args: Value[] = [];
    take('(');
    while (peek()?.text !== ')') {
      args.push(or());
      if (peek()?.text === ',') take(',');
    }
    take(')');
    switch (name) {
      case 'always':
        return true;
      case 'success':
        return !context.failed;
      case 'failure':
        return context.failed;
      case 'cancelled':
        return false;
      case 'contains': {
        const [hay, needle] = args;
        if (Array.isArray(hay)) return hay.some((item) => equal(item as Value, needle));
        return asString(hay).toLowerCase().includes(asString(needle).toLowerCase());
      }
      case 'startsWith':
        return asString(args[0]).toLowerCase().startsWith(asString(args[1]).toLowerCase());
      case 'format':
        return asString(args[0]).replace(/\{(\d+)\}/g, (_, n: string) => asString(args[Number(n) + 1]));
      default:
        throw new Error(`expression: function ${name}() is not supported by this test runner`);
    }
  }
  function primary(): Value {
    const token = take();
    if (token.kind === 'str') return token.text;
    if (token.kind === 'num') return Number(token.text);
    if (token.text === '(') {
      const value = or();
      take(')');
      return value;
    }
    if (token.kind !== 'id') throw new Error(`expression: unexpected "${token.text}" in "${source}"`);
    if (token.text === 'true') return true;
    if (token.text === 'false') return false;
    if (token.text === 'null') return null;
    if (peek()?.text === '(') return call(token.text);
    if (!(token.text in context.contexts)) throw new Error(`expression: unknown context "${token.text}" in "${source}"`);
    let value = context.contexts[token.text] as Value;
    while (peek()?.text === '.' || peek()?.text === '[') {
      let key: string;
      if (take().text === '.') key = take().text;
      else {
        key = asString(or());
        take(']');
      }
      value = value && typeof value === 'object' ? ((value as Record<string, unknown>)[key] as Value) : undefined;
    }
    return value;
  }

  const value = or();
  if (i !== tokens.length) throw new Error(`expression: unexpected "${tokens[i]!.text}" in "${source}"`);
  return value;
}

/** A step's or job's `if:`: an expression (with or without ${{ }}), `success() &&` unless it asks for a status. */
export function condition(source: string | boolean | undefined, context: ExpressionContext): boolean {
  if (source === undefined) return !context.failed;
  if (typeof source === 'boolean') return source && !context.failed;
  const bare = source.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const value = truthy(evaluate(bare, context));
  return /\b(always|failure|cancelled|success)\(/.test(bare) ? value : value && !context.failed;
}

/** A `with:`/`env:`/`outputs:` value with its ${{ }} replaced. */
export function interpolate(source: unknown, context: ExpressionContext): string {
  if (typeof source !== 'string') return asString(source as Value);
  return source.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => asString(evaluate(expression, context)));
}
