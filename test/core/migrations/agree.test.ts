/**
 * Findings for one statement agree: the most severe first, and the lock-timeout advice builds on
 * the other rule's rewrite instead of repeating the statement that rewrite replaces.
 */
import { lintSql } from './lint-sql.ts';

const SET = "SET lock_timeout = '5s'; -- give up (and retry) rather than queue traffic behind the lock";

describe('findings for one statement', () => {
  it('lists the error before the warning, and both fixes use CONCURRENTLY', () => {
    const findings = lintSql('CREATE INDEX idx_orders_user ON orders (user_id);');
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ['non-concurrent-index', 'error'],
      ['missing-lock-timeout', 'warning'],
    ]);
    expect(findings[0]!.fix).toBe('CREATE INDEX CONCURRENTLY idx_orders_user ON orders (user_id);');
    expect(findings[1]!.fix).toBe(`${SET}\nCREATE INDEX CONCURRENTLY idx_orders_user ON orders (user_id);`);
    expect(findings[1]!.message).toContain('The fix sets it for the non-concurrent-index rewrite of this statement.');
    for (const finding of findings) expect(finding.fix).not.toMatch(/CREATE INDEX idx_orders_user/);
  });

  it('puts only the timeout in front of a rewrite of several steps, never the replaced statement', () => {
    const findings = lintSql('ALTER TABLE orders ADD COLUMN x bigint NOT NULL;');
    const timeout = findings.find((f) => f.rule === 'missing-lock-timeout')!;
    expect(findings[0]!.severity).toBe('error');
    expect(timeout.fix).toBe(SET);
    expect(timeout.message).toContain('Set it before the locking steps of the add-column-not-null-without-default fix.');
  });

  it('keeps the lock-timeout fix as it is when no other rule rewrites the statement', () => {
    const [finding] = lintSql('ALTER TABLE orders ADD COLUMN note text;');
    expect(finding).toMatchObject({ rule: 'missing-lock-timeout', fix: `${SET}\nALTER TABLE orders ADD COLUMN note text;` });
  });

  it('orders statements by position first: a later error does not jump ahead of an earlier warning', () => {
    const findings = lintSql('ALTER TABLE orders ADD COLUMN note text;\nCREATE INDEX i ON orders (note);');
    expect(findings.map((f) => f.line)).toEqual([1, 2, 2]);
    expect(findings[1]!.severity).toBe('error');
  });
});
