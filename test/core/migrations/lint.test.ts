import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { FaultlineError } from '../../../core/errors.ts';
import { MigrationState } from '../../../core/migrations/context.ts';
import { lintFiles, lintSource } from '../../../core/migrations/lint.ts';
import { compareNatural, readSqlFile } from '../../../core/migrations/lint-files.ts';
import { allRules, ruleById, ruleIds } from '../../../core/migrations/rules/index.ts';
import { lintSql } from './lint-sql.ts';

describe('lintSource', () => {
  it('returns findings sorted by line and column with every field the report needs', () => {
    const sql = 'CREATE INDEX b ON orders (b);\nALTER TABLE orders ALTER COLUMN note SET NOT NULL;';
    const report = lintSource(sql, 'db/V2__x.sql', { rules: { 'missing-lock-timeout': 'off' } });
    expect(report.statements).toBe(2);
    expect(report.findings.map((f) => [f.rule, f.line])).toEqual([
      ['non-concurrent-index', 1],
      ['set-not-null', 2],
    ]);
    expect(report.findings[1]).toEqual({
      rule: 'set-not-null',
      severity: 'error',
      path: 'db/V2__x.sql',
      line: 2,
      column: 1,
      message: expect.stringContaining('ACCESS EXCLUSIVE'),
      lock: 'ACCESS EXCLUSIVE',
      blocks: ['reads', 'writes'],
      rewrite: false,
      fix: expect.stringContaining('CHECK (note IS NOT NULL) NOT VALID'),
      // The statement ends past its semicolon (exclusive), and the fix can replace it as written.
      endLine: 2,
      endColumn: 51,
      fixReplacesStatement: true,
      statement: 'ALTER TABLE orders ALTER COLUMN note SET NOT NULL',
      source: 'static',
    });
  });

  it('applies severity overrides and turns rules off', () => {
    const sql = 'CREATE INDEX i ON orders (a);';
    expect(lintSql(sql, { rules: { 'non-concurrent-index': 'warning', 'missing-lock-timeout': 'off' } })).toEqual([
      expect.objectContaining({ rule: 'non-concurrent-index', severity: 'warning' }),
    ]);
    expect(lintSql(sql, { rules: { 'non-concurrent-index': 'off', 'missing-lock-timeout': 'off' } })).toEqual([]);
  });

  it('does not flag anything about a realistic safe migration', () => {
    const sql = `SET lock_timeout = '5s';
CREATE TABLE invoices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  total numeric(12,2) NOT NULL CHECK (total >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invoices_customer_idx ON invoices (customer_id);
ALTER TABLE orders ADD COLUMN invoice_id bigint;
ALTER TABLE orders ADD CONSTRAINT orders_invoice_fk FOREIGN KEY (invoice_id) REFERENCES invoices (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_invoice_fk;
CREATE INDEX CONCURRENTLY orders_invoice_idx ON orders (invoice_id);`;
    expect(lintSql(sql)).toEqual([]);
  });

  it('flags the classic hazards of a realistic unsafe migration', () => {
    const sql = `BEGIN;
ALTER TABLE orders ADD COLUMN invoice_id bigint REFERENCES invoices (id);
CREATE INDEX orders_invoice_idx ON orders (invoice_id);
ALTER TABLE orders ALTER COLUMN invoice_id SET NOT NULL;
COMMIT;`;
    const ids = new Set(lintSql(sql).map((f) => f.rule));
    expect([...ids].sort()).toEqual(['add-foreign-key-without-not-valid', 'missing-lock-timeout', 'non-concurrent-index', 'set-not-null']);
  });

  it('never flags code inside function bodies', () => {
    const sql = `CREATE FUNCTION nightly() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  CREATE INDEX i ON orders (a);
  ALTER TABLE orders ALTER COLUMN a SET NOT NULL;
END $$;`;
    expect(lintSql(sql)).toEqual([]);
  });

  it('reports a rule that throws as internal-error and keeps going', () => {
    const rule = allRules.find((r) => r.id === 'duplicate-column')!;
    const original = rule.check;
    rule.check = () => {
      throw new Error('boom');
    };
    try {
      const findings = lintSql('CREATE TABLE t (a text);\nALTER TABLE orders ADD COLUMN b json;', { rules: { 'missing-lock-timeout': 'off' } });
      expect(findings.map((f) => [f.rule, f.line])).toEqual([
        ['internal-error', 1],
        ['internal-error', 2],
        ['add-json-column', 2],
      ]);
      expect(findings[0]!.message).toContain('duplicate-column failed on this statement (boom)');
      // What was not checked fails the gate.
      expect(findings[0]!.severity).toBe('error');
    } finally {
      rule.check = original;
    }
  });

  it('reports a statement the bookkeeping fails on as an internal error and lints the rest of the file', () => {
    const original = MigrationState.prototype.apply;
    MigrationState.prototype.apply = function (statement, locks) {
      if (statement.kind === 'SelectStmt') throw new RangeError('Maximum call stack size exceeded');
      return original.call(this, statement, locks);
    };
    try {
      const findings = lintSql('SELECT 1;\nCREATE INDEX i ON orders (a);', { rules: { 'missing-lock-timeout': 'off' } });
      expect(findings.map((f) => [f.rule, f.severity, f.line])).toEqual([
        ['internal-error', 'error', 1],
        ['non-concurrent-index', 'error', 2],
      ]);
      expect(findings[0]!.message).toMatch(/^the linter could not record what this statement changes \(Maximum call stack size exceeded\)/);
    } finally {
      MigrationState.prototype.apply = original;
    }
  });

  describe('statements nested too deeply to check', () => {
    const sum = (terms: number) => `SELECT ${Array(terms).fill('1').join(' + ')};`;
    const nestedIfs = (n: number) => `DO $$BEGIN ${'IF true THEN '.repeat(n)}CREATE INDEX j ON orders (b);${' END IF;'.repeat(n)} END$$;`;
    const lint = (sql: string) => lintSql(`${sql}\nCREATE INDEX i ON orders (a);`, { rules: { 'missing-lock-timeout': 'off' } }).map((f) => [f.rule, f.line]);
    const TOO_DEEP = /^Faultline cannot check this: (in DO block: )?the statement is nested too deeply to be checked \(its parse tree is over 2,000 levels deep/;

    it('are refused at a fixed depth, the same on every run, and the rest of the file is linted', () => {
      // 996 terms make a tree 2,000 levels deep (the limit), 1,001 one just over it.
      expect(lint(sum(996))).toEqual([['non-concurrent-index', 2]]);
      const findings = lintSql(sum(1_001));
      expect(findings.map((f) => f.rule)).toEqual(['syntax-error']);
      expect(findings[0]!.message).toMatch(TOO_DEEP);
      expect(lint(sum(1_001))).toEqual([
        ['syntax-error', 1],
        ['non-concurrent-index', 2],
      ]);
    });

    it('are refused the same way when the parser itself runs out of stack', () => {
      const findings = lintSql(sum(50_000));
      expect(findings.map((f) => f.rule)).toEqual(['syntax-error']);
      expect(findings[0]!.message).toMatch(TOO_DEEP);
    });

    it('in a DO block: the body is expanded up to the limit and refused past it', () => {
      expect(lint(nestedIfs(600))).toEqual([
        ['non-concurrent-index', 1],
        ['non-concurrent-index', 2],
      ]);
      expect(lint(nestedIfs(700))).toEqual([
        ['syntax-error', 1],
        ['non-concurrent-index', 2],
      ]);
      expect(lintSql(nestedIfs(700))[0]!.message).toMatch(TOO_DEEP);
    });
  });

  it('never throws on random or mutated SQL (property test)', () => {
    const corpus = [
      'CREATE INDEX i ON t (a);',
      "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;",
      "DO $$ BEGIN EXECUTE 'ALTER TABLE t ADD b int'; END $$;",
      "BEGIN; SET LOCAL lock_timeout = '1s'; ALTER TABLE t ALTER COLUMN a SET NOT NULL; COMMIT;",
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;",
      "-- faultline-ignore: set-not-null -- reason\nUPDATE t SET a = 'ü😀' WHERE id BETWEEN 1 AND 2;",
      "ALTER TYPE s ADD VALUE 'x'; SELECT 'x'::s; REINDEX TABLE t; DROP INDEX a, b;",
    ];
    const tokens = [';', '(', ')', "'", '"', '$$', '$x$', '--', '/*', '*/', 'BEGIN', 'END', 'DO', 'COMMIT', 'ATOMIC', 'CREATE', 'INDEX', '\n', 'ü', '😀', '\\', 'E\''];
    const mutated = fc
      .tuple(fc.constantFrom(...corpus), fc.array(fc.tuple(fc.nat(), fc.nat(4), fc.constantFrom(...tokens)), { maxLength: 6 }))
      .map(([sql, edits]) =>
        edits.reduce((text, [at, cut, token]) => {
          const i = text.length === 0 ? 0 : at % text.length;
          return text.slice(0, i) + token + text.slice(i + cut);
        }, sql),
      );
    const arbitrary = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), mutated);
    fc.assert(
      fc.property(arbitrary, fc.integer({ min: 11, max: 18 }), fc.boolean(), (sql, pgVersion, assumeTransaction) => {
        const report = lintSource(sql, 'fuzz.sql', { pgVersion, assumeTransaction });
        for (const finding of report.findings) {
          expect(ruleById(finding.rule)).toBeDefined();
          expect(finding.line).toBeGreaterThanOrEqual(1);
          expect(finding.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    );
  });
});

describe('rule registry', () => {
  it('lists every rule id once, each with a summary and a description', () => {
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const id of ruleIds) {
      const rule = ruleById(id)!;
      expect(rule.summary.length).toBeGreaterThan(10);
      expect(rule.description.length).toBeGreaterThan(40);
      expect(['error', 'warning']).toContain(rule.defaultSeverity);
    }
  });

  it('has every rule id issue 2 requires', () => {
    const required =
      'non-concurrent-index create-index-concurrently-in-transaction drop-index-non-concurrent reindex-non-concurrent ' +
      'add-column-volatile-default add-column-auto-increment add-column-generated-stored add-column-not-null-without-default ' +
      'add-json-column set-not-null drop-not-null change-column-type add-foreign-key-without-not-valid ' +
      'validate-in-same-transaction add-check-without-not-valid add-unique-constraint-without-index ' +
      'add-primary-key-without-index add-exclusion-constraint alter-domain-add-constraint drop-table drop-column ' +
      'drop-schema drop-database rename-column rename-table rename-schema rename-enum-value ' +
      'alter-enum-add-value-in-transaction vacuum-full cluster truncate truncate-cascade refresh-matview-non-concurrent ' +
      'detach-partition-non-concurrent set-logged-unlogged unbatched-backfill missing-lock-timeout ban-char-type ' +
      'prefer-bigint prefer-identity prefer-text prefer-timestamptz uncommitted-transaction transaction-nesting ' +
      'identifier-too-long duplicate-column syntax-error';
    expect(ruleIds).toEqual(expect.arrayContaining(required.split(' ')));
  });
});

describe('lintFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-lint-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lints later files knowing the column types earlier ones declared (V2 before V10)', async () => {
    writeFileSync(join(dir, 'V2__create.sql'), 'CREATE TABLE orders (id bigint, total integer);');
    writeFileSync(join(dir, 'V10__widen.sql'), "SET lock_timeout = '2s';\nALTER TABLE orders ALTER COLUMN total TYPE numeric;");
    const report = await lintFiles([dir]);
    expect(report.files.map((f) => [f.path.split('/').pop(), f.findings.map((x) => x.rule)])).toEqual([
      ['V2__create.sql', ['prefer-bigint']],
      ['V10__widen.sql', ['change-column-type']],
    ]);
  });

  it('walks folders for *.sql in natural path order (V2 before V10) and lints each file', async () => {
    mkdirSync(join(dir, 'db', 'nested'), { recursive: true });
    writeFileSync(join(dir, 'db', 'V10__later.sql'), 'CREATE INDEX i ON orders (a);');
    writeFileSync(join(dir, 'db', 'V2__earlier.sql'), 'SELECT 1;');
    writeFileSync(join(dir, 'db', 'nested', 'V3__n.sql'), 'SELECT 1;');
    writeFileSync(join(dir, 'db', 'README.md'), '# not sql');
    const report = await lintFiles([join(dir, 'db')]);
    expect(report.version).toBe(1);
    expect(report.files.map((f) => f.path.slice(dir.length + 1))).toEqual(['db/nested/V3__n.sql', 'db/V2__earlier.sql', 'db/V10__later.sql']);
    expect(report.files[2]!.findings.map((f) => f.rule)).toContain('non-concurrent-index');
  });

  it('skips excluded globs', async () => {
    writeFileSync(join(dir, 'V1__a.sql'), 'SELECT 1;');
    writeFileSync(join(dir, 'V2__b.sql'), 'SELECT 1;');
    const report = await lintFiles([dir], { exclude: [`${dir}/V2*`] });
    expect(report.files.map((f) => f.path)).toEqual([join(dir, 'V1__a.sql')]);
  });

  // The path is the error's `file`; faces print `file: message`, so it appears exactly once.
  async function inputError(paths: string[]): Promise<FaultlineError> {
    const error = await lintFiles(paths).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    if (!(error instanceof FaultlineError)) throw new Error(`expected a FaultlineError, got ${String(error)}`);
    expect(error.exitCode).toBe(2);
    return error;
  }

  it('rejects a missing path, naming it once (exit code 2)', async () => {
    const missing = join(dir, 'nope.sql');
    const error = await inputError([missing]);
    expect(error.file).toBe(missing);
    expect(error.format()).toBe(
      `${missing}: no such file or folder\n  hint: check the path (it is relative to the current directory) or the "paths" in your config`,
    );
  });

  it('rejects a folder without a .sql file: a run that checked nothing must not pass', async () => {
    const folder = join(dir, 'migrations');
    mkdirSync(join(folder, 'nested'), { recursive: true });
    writeFileSync(join(folder, 'README.md'), '# not sql');
    const error = await inputError([folder]);
    expect(error.format()).toBe(
      `${folder}: the folder holds no .sql file: nothing would be checked\n  hint: name the folder the migrations are in (it is walked for *.sql, subfolders too)`,
    );
  });

  it('rejects a folder whose every .sql file is excluded, but not a folder with one left', async () => {
    const folder = join(dir, 'migrations');
    mkdirSync(folder);
    writeFileSync(join(folder, 'V1__a.sql'), 'SELECT 1;');
    writeFileSync(join(folder, 'V2__b.sql'), 'SELECT 1;');
    const error = await lintFiles([folder], { exclude: [`${folder}/*`] }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(FaultlineError);
    expect((error as FaultlineError).format()).toBe(
      `${folder}: every .sql file in the folder (2) is excluded: nothing would be checked\n  hint: narrow --exclude or migrations.exclude in .github/faultline.yml`,
    );
    const report = await lintFiles([folder], { exclude: [`${folder}/V1*`] });
    expect(report.files.map((f) => f.path)).toEqual([join(folder, 'V2__b.sql')]);
  });

  it('reports a migration that is a symbolic link, named or found in a folder, without reading what it points to', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'faultline-outside-'));
    try {
      writeFileSync(join(outside, 'environ'), 'AWS_SECRET_ACCESS_KEY=not-for-reports');
      const folder = join(dir, 'migrations');
      mkdirSync(folder);
      writeFileSync(join(folder, 'V1__ok.sql'), 'CREATE INDEX i ON orders (a);');
      symlinkSync(join(outside, 'environ'), join(folder, 'V2__link.sql'));
      for (const paths of [[folder], [join(folder, 'V2__link.sql')]]) {
        const report = await lintFiles(paths, { rules: { 'missing-lock-timeout': 'off' } });
        const link = report.files.find((f) => f.path.endsWith('V2__link.sql'))!;
        expect(link.findings.map((f) => [f.rule, f.severity])).toEqual([['symlinked-migration', 'error']]);
        expect(link.findings[0]!.message).toBe(
          `The file is a symbolic link (to ${join(outside, 'environ')}): it was not read or checked. A migration tool would run whatever it points to, which may be outside the repository.`,
        );
        expect(JSON.stringify(report)).not.toContain('not-for-reports');
      }
      expect((await lintFiles([folder])).files.map((f) => f.path)).toEqual([join(folder, 'V1__ok.sql'), join(folder, 'V2__link.sql')]);
      // The shadow run and schema dumps read files through readSqlFile: a link stops them (exit 2).
      expect(() => readSqlFile(join(folder, 'V2__link.sql'))).toThrow(/is a symbolic link \(to .*environ\), which is not read/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reports a binary file and a non-UTF-8 file as not-utf8 findings (a report, not a usage error)', async () => {
    const binary = join(dir, 'dump.sql');
    writeFileSync(binary, Buffer.from([0x50, 0x47, 0x00, 0x01]));
    const latin1 = join(dir, 'latin1.sql');
    writeFileSync(latin1, Buffer.from("SELECT 'caf\xe9';", 'latin1'));
    const report = await lintFiles([binary, latin1]);
    expect(report.files.map((file) => file.findings.map((f) => [f.rule, f.severity]))).toEqual([[['not-utf8', 'error']], [['not-utf8', 'error']]]);
    expect(report.files[0]!.findings[0]!.message).toContain('NUL bytes');
  });

  it('rejects a file it cannot read, naming it once with the system error code', () => {
    const folder = join(dir, 'V1__folder.sql');
    mkdirSync(folder);
    let error: unknown;
    try {
      readSqlFile(folder);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(FaultlineError);
    expect((error as FaultlineError).format()).toBe(`${folder}: cannot read the file (EISDIR)\n  hint: check that the file exists and is readable`);
  });

  it('reads a UTF-8 BOM file with correct columns', async () => {
    writeFileSync(join(dir, 'bom.sql'), '\uFEFFCREATE INDEX i ON orders (a);');
    const report = await lintFiles([join(dir, 'bom.sql')]);
    expect(report.files[0]!.findings[0]).toMatchObject({ line: 1, column: 1 });
  });
});

describe('compareNatural', () => {
  it('orders version numbers numerically', () => {
    expect(['V10__a.sql', 'V2__b.sql', 'V1_1__c.sql', 'V1__d.sql'].sort(compareNatural)).toEqual(['V1__d.sql', 'V1_1__c.sql', 'V2__b.sql', 'V10__a.sql']);
  });
});
