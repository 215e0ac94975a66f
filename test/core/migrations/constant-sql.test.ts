/**
 * The values dynamic SQL takes when the migration's own text fixes them, and nothing when it does not.
 */
import { evaluateArray, evaluateLoopQuery, evaluateText, format } from '../../../core/migrations/constant-sql.ts';
import { loadParser } from '../../../core/migrations/lint.ts';

await loadParser();

describe('evaluateText', () => {
  it.each([
    ["'ALTER TABLE ' || 'users' || ' ADD COLUMN x int'", 'ALTER TABLE users ADD COLUMN x int'],
    ["format('ALTER TABLE %I ADD COLUMN %s int', 'Users', 'x')", 'ALTER TABLE "Users" ADD COLUMN x int'],
    ["format('UPDATE t SET c = %L', 'it''s')", "UPDATE t SET c = 'it''s'"],
    ["format('%2$s %1$s %%', 'a', 'b')", 'b a %'],
    ["'CREATE INDEX ON ' || quote_ident('order') || ' (id)'", 'CREATE INDEX ON "order" (id)'],
    ["concat('DROP ', 'TABLE ', 't')", 'DROP TABLE t'],
    ["upper('x')::text", 'X'],
  ])('%s → %s', (expression, expected) => {
    expect(evaluateText(expression)).toBe(expected);
  });

  it('reads bound variables and nothing else', () => {
    const bindings = new Map([['t', 'orders']]);
    expect(evaluateText("format('CREATE INDEX ON %I (created_at)', t)", bindings)).toBe('CREATE INDEX ON orders (created_at)');
    expect(evaluateText("format('CREATE INDEX ON %I (created_at)', other)", bindings)).toBeUndefined();
    expect(evaluateText("'x' || (SELECT relname FROM pg_class LIMIT 1)")).toBeUndefined();
    expect(evaluateText("format('%-10s', 'a')")).toBeUndefined();
    expect(evaluateText("some_function('a')")).toBeUndefined();
  });
});

describe('constant loops', () => {
  it('reads literal arrays in both spellings', () => {
    expect(evaluateArray("ARRAY['orders', 'users']")).toEqual(['orders', 'users']);
    expect(evaluateArray("'{orders,\"line items\"}'::text[]")).toEqual(['orders', 'line items']);
    expect(evaluateArray('ARRAY[a, b]')).toBeUndefined();
  });

  it('reads FOR … IN queries that only unnest a constant array or list VALUES', () => {
    expect(evaluateLoopQuery("SELECT unnest(ARRAY['a','b'])")).toEqual(['a', 'b']);
    expect(evaluateLoopQuery("SELECT t FROM unnest(ARRAY['a','b']) AS t")).toEqual(['a', 'b']);
    expect(evaluateLoopQuery("VALUES ('a'), ('b')")).toEqual(['a', 'b']);
    expect(evaluateLoopQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).toBeUndefined();
  });

  it('formats like PostgreSQL', () => {
    expect(format('%s-%s', ['a', null])).toBe('a-');
    expect(format('%L', [null])).toBe('NULL');
    expect(format('%L', ['a\\b'])).toBe("E'a\\\\b'");
    expect(format('%s %s', ['a'])).toBeUndefined();
  });
});
