import { deeperThan } from '../../../core/migrations/ast.ts';

/** `levels` objects and arrays inside each other, alternating. */
function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { A_Expr: value };
  return value;
}

describe('deeperThan', () => {
  it('counts objects and arrays as levels below the root, not the scalars in them', () => {
    expect(deeperThan(nested(11), 10)).toBe(false);
    expect(deeperThan(nested(12), 10)).toBe(true);
    expect(deeperThan('text', 0)).toBe(false);
    expect(deeperThan({ a: 1, b: 'x', c: null }, 0)).toBe(false);
    expect(deeperThan({ a: {} }, 0)).toBe(true);
  });

  it('finds the deep branch among shallow ones, at any depth, without running out of stack', () => {
    const wide = { stmts: [{ a: 1 }, { b: [2, 3] }, { deep: nested(200_000) }, { c: {} }] };
    expect(deeperThan(wide, 2_000)).toBe(true);
    expect(deeperThan({ stmts: [{ a: 1 }, { b: [2, 3] }] }, 2_000)).toBe(false);
  });
});
