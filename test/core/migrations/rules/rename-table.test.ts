import { findingsOf } from '../lint-sql.ts';

const rule = 'rename-table';

describe(rule, () => {
  it('flags renaming an existing table and suggests a compatibility view', () => {
    const [finding] = findingsOf(rule, 'ALTER TABLE billing.invoice RENAME TO invoices;');
    expect(finding).toMatchObject({ severity: 'error', lock: 'ACCESS EXCLUSIVE', rewrite: false });
    expect(finding!.fix).toContain('ALTER TABLE billing.invoice RENAME TO invoices;');
    expect(finding!.fix).toContain('CREATE VIEW billing.invoice AS SELECT * FROM billing.invoices;');
  });

  it('accepts renaming a table created earlier in the file, and renaming an index', () => {
    expect(findingsOf(rule, 'CREATE TABLE t_new (id bigint);\nALTER TABLE t_new RENAME TO t2;')).toEqual([]);
    expect(findingsOf(rule, 'ALTER INDEX users_email RENAME TO users_email_idx;')).toEqual([]);
  });
});
