import { findingsOf } from '../lint-sql.ts';

const rule = 'alter-domain-add-constraint';

describe(rule, () => {
  it('flags ALTER DOMAIN … ADD CONSTRAINT CHECK and suggests NOT VALID + VALIDATE', () => {
    const [finding] = findingsOf(rule, "ALTER DOMAIN email_address ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%');");
    expect(finding).toMatchObject({ severity: 'error', lock: 'SHARE', blocks: ['writes'] });
    expect(finding!.fix).toBe(
      "ALTER DOMAIN email_address ADD CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%') NOT VALID;\n" +
        '-- then, in a separate transaction:\n' +
        'ALTER DOMAIN email_address VALIDATE CONSTRAINT email_has_at;',
    );
  });

  it('flags a domain NOT NULL (no NOT VALID form) and offers a NOT VALID CHECK instead', () => {
    const [finding] = findingsOf(rule, 'ALTER DOMAIN positive_int ADD NOT NULL;');
    expect(finding!.fix).toContain('CHECK (VALUE IS NOT NULL) NOT VALID');
  });

  it('accepts NOT VALID', () => {
    expect(findingsOf(rule, 'ALTER DOMAIN positive_int ADD CONSTRAINT p CHECK (VALUE > 0) NOT VALID;')).toEqual([]);
  });

  it('accepts constraints on a domain created in the same file (no column uses it yet)', () => {
    const sql = 'CREATE DOMAIN score AS int;\nALTER DOMAIN score ADD CONSTRAINT score_range CHECK (VALUE BETWEEN 0 AND 100);';
    expect(findingsOf(rule, sql)).toEqual([]);
  });
});

describe(`${rule}: ALTER DOMAIN … SET NOT NULL`, () => {
  it('flags it: every column of the domain is scanned, like ADD CONSTRAINT … NOT NULL', () => {
    const [finding] = findingsOf(rule, 'ALTER DOMAIN email SET NOT NULL;');
    expect(finding).toMatchObject({ severity: 'error', lock: 'SHARE', blocks: ['writes'] });
    expect(finding!.message).toContain('SET NOT NULL');
    expect(finding!.fix).toContain('CHECK (VALUE IS NOT NULL) NOT VALID');
  });

  it('accepts it on a domain created in the same file, and DROP NOT NULL anywhere', () => {
    expect(findingsOf(rule, 'CREATE DOMAIN email AS text;\nALTER DOMAIN email SET NOT NULL;')).toEqual([]);
    expect(findingsOf(rule, 'ALTER DOMAIN email DROP NOT NULL;')).toEqual([]);
  });
});
