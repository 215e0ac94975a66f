import { findingsOf } from '../lint-sql.ts';

const rule = 'rename-enum-value';

describe(rule, () => {
  it('flags renaming an enum label and suggests adding the new one instead', () => {
    const [finding] = findingsOf(rule, "ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled';");
    expect(finding).toMatchObject({ severity: 'error', rewrite: false });
    expect(finding!.fix).toContain("ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'cancelled';");
  });

  it('accepts adding a value', () => {
    expect(findingsOf(rule, "ALTER TYPE order_status ADD VALUE 'refunded';")).toEqual([]);
  });
});
