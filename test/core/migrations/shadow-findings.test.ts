import { configuredShadowFindings } from '../../../core/migrations/gate.ts';
import { ruleInfos } from '../../../core/migrations/rules/index.ts';
import { mergeShadowFindings, SHADOW_RULES, shadowFindingsFor } from '../../../core/migrations/shadow-findings.ts';
import { shadowRules } from '../../../core/migrations/shadow-rules.ts';
import { migrationsToSarif } from '../../../core/report/migrations-sarif.ts';
import type { ShadowStatementReport } from '../../../core/migrations/shadow-types.ts';
import type { Finding, LockMode } from '../../../core/migrations/types.ts';

function observed(overrides: Partial<ShadowStatementReport> & Pick<ShadowStatementReport, 'line' | 'text'>): ShadowStatementReport {
  return {
    path: 'db/002.sql',
    column: 1,
    index: 0,
    observedBy: 'own-session',
    locks: [],
    rewrote: [],
    durationMs: 1,
    lockTimeoutMs: 0,
    ...overrides,
  };
}

function staticFinding(rule: string, line: number, column: number, lock: LockMode | null, rewrite = false): Finding {
  return {
    rule,
    severity: 'error',
    path: 'db/002.sql',
    line,
    column,
    message: rule,
    lock,
    blocks: [],
    rewrite,
    fix: null,
    source: 'static',
  };
}

describe('findings from one observed statement', () => {
  it('reports nothing for locks on relations the same file created', () => {
    const statement = observed({
      line: 1,
      text: 'CREATE INDEX items_idx ON items (id)',
      locks: [{ relation: 'items', mode: 'SHARE', preExisting: false }],
    });
    expect(shadowFindingsFor(statement)).toEqual([]);
  });

  it('reports a rewrite of a pre-existing table once, as an error naming the lock it held', () => {
    const statement = observed({
      line: 2,
      text: 'ALTER TABLE orders ALTER COLUMN id TYPE bigint',
      locks: [{ relation: 'orders', mode: 'ACCESS EXCLUSIVE', preExisting: true }],
      rewrote: [{ relation: 'orders', preExisting: true }],
    });
    expect(shadowFindingsFor(statement)).toEqual([
      expect.objectContaining({
        rule: 'shadow-table-rewrite',
        severity: 'error',
        line: 2,
        lock: 'ACCESS EXCLUSIVE',
        blocks: ['reads', 'writes'],
        rewrite: true,
        source: 'shadow',
      }),
    ]);
  });

  it('warns about ACCESS EXCLUSIVE only when no lock_timeout bounded the wait', () => {
    const locks = [{ relation: 'orders', mode: 'ACCESS EXCLUSIVE' as const, preExisting: true }];
    const unbounded = shadowFindingsFor(observed({ line: 3, text: 'ALTER TABLE orders ADD COLUMN a int', locks }));
    expect(unbounded).toEqual([
      expect.objectContaining({ rule: 'shadow-access-exclusive', severity: 'warning', fix: expect.stringContaining('lock_timeout') }),
    ]);
    expect(shadowFindingsFor(observed({ line: 3, text: 'ALTER TABLE orders ADD COLUMN a int', locks, lockTimeoutMs: 2000 }))).toEqual([]);
  });

  it('warns about a write-blocking lock, and ignores SHARE UPDATE EXCLUSIVE (reads and writes go on)', () => {
    const share = observed({
      line: 4,
      text: 'CREATE INDEX orders_c ON orders (c)',
      locks: [{ relation: 'orders', mode: 'SHARE', preExisting: true }],
    });
    expect(shadowFindingsFor(share)).toEqual([
      expect.objectContaining({ rule: 'shadow-blocks-writes', lock: 'SHARE', blocks: ['writes'] }),
    ]);
    const concurrent = observed({
      line: 5,
      text: 'CREATE INDEX CONCURRENTLY orders_c ON orders (c)',
      observedBy: 'second-connection',
      locks: [{ relation: 'orders', mode: 'SHARE UPDATE EXCLUSIVE', preExisting: true }],
    });
    expect(shadowFindingsFor(concurrent)).toEqual([]);
  });

  it('reports a failure at the position Postgres pointed to, with message and SQLSTATE', () => {
    const failed = observed({
      line: 7,
      text: 'SELECT * FROM nope',
      error: { message: 'relation "nope" does not exist', sqlState: '42P01', line: 7, column: 15 },
    });
    expect(shadowFindingsFor(failed)).toEqual([
      expect.objectContaining({
        rule: 'shadow-statement-failed',
        severity: 'error',
        line: 7,
        column: 15,
        message: expect.stringContaining('relation "nope" does not exist (SQLSTATE 42P01)'),
      }),
    ]);
  });
});

describe('merging shadow findings with the static rules’ findings', () => {
  const statements = [
    observed({ line: 1, index: 0, text: 'CREATE INDEX orders_c ON orders (c)', locks: [{ relation: 'orders', mode: 'SHARE', preExisting: true }] }),
    observed({
      line: 2,
      index: 1,
      text: 'ALTER TABLE orders\n  ALTER COLUMN id TYPE bigint,\n  ADD COLUMN note text',
      locks: [{ relation: 'orders', mode: 'ACCESS EXCLUSIVE', preExisting: true }],
      rewrote: [{ relation: 'orders', preExisting: true }],
    }),
    observed({ line: 5, index: 2, text: 'ALTER TABLE orders DROP COLUMN legacy', locks: [{ relation: 'orders', mode: 'ACCESS EXCLUSIVE', preExisting: true }] }),
    observed({
      line: 6,
      index: 3,
      text: 'SELECT 1/0',
      error: { message: 'division by zero', sqlState: '22012', line: 6, column: 1 },
    }),
  ];
  const shadow = { statements, findings: statements.flatMap(shadowFindingsFor) };

  it('drops a shadow lock finding when a static finding on the statement names that lock', () => {
    const merged = mergeShadowFindings([staticFinding('non-concurrent-index', 1, 1, 'SHARE')], shadow);
    expect(merged.filter((finding) => finding.line === 1).map((finding) => finding.rule)).toEqual(['non-concurrent-index']);
  });

  it('keeps a shadow lock finding when the static finding names only a weaker lock', () => {
    const merged = mergeShadowFindings([staticFinding('some-rule', 5, 1, 'SHARE UPDATE EXCLUSIVE')], shadow);
    expect(merged.filter((finding) => finding.line === 5).map((finding) => finding.rule)).toEqual([
      'some-rule',
      'shadow-access-exclusive',
    ]);
  });

  it('matches a static finding anywhere inside a multi-line statement (e.g. at the offending clause)', () => {
    const merged = mergeShadowFindings([staticFinding('change-column-type', 3, 3, 'ACCESS EXCLUSIVE', true)], shadow);
    expect(merged.some((finding) => finding.rule === 'shadow-table-rewrite')).toBe(false);
  });

  it('keeps a rewrite the static rules flagged only for its lock, not as a rewrite', () => {
    const merged = mergeShadowFindings([staticFinding('missing-lock-timeout', 2, 1, 'ACCESS EXCLUSIVE')], shadow);
    expect(merged.map((finding) => finding.rule)).toContain('shadow-table-rewrite');
  });

  it('does not let a finding on another statement cover this one', () => {
    const merged = mergeShadowFindings([staticFinding('drop-column', 5, 1, 'ACCESS EXCLUSIVE')], shadow);
    expect(merged.filter((finding) => finding.line === 1).map((finding) => finding.rule)).toEqual(['shadow-blocks-writes']);
    expect(merged.filter((finding) => finding.line === 5).map((finding) => finding.rule)).toEqual(['drop-column']);
  });

  it('always keeps failures, and orders everything by file and position', () => {
    const otherFile = { ...staticFinding('drop-table', 1, 1, 'ACCESS EXCLUSIVE'), path: 'db/001.sql' };
    const merged = mergeShadowFindings([otherFile, staticFinding('syntax-error', 6, 1, null)], shadow);
    expect(merged.map((finding) => [finding.path, finding.line, finding.rule])).toEqual([
      ['db/001.sql', 1, 'drop-table'],
      ['db/002.sql', 1, 'shadow-blocks-writes'],
      ['db/002.sql', 2, 'shadow-table-rewrite'],
      ['db/002.sql', 5, 'shadow-access-exclusive'],
      ['db/002.sql', 6, 'syntax-error'],
      ['db/002.sql', 6, 'shadow-statement-failed'],
    ]);
  });
});

describe('shadow rule ids, like the static ones', () => {
  const rewrite = observed({
    line: 2,
    text: 'ALTER TABLE orders ALTER COLUMN id TYPE bigint',
    locks: [{ relation: 'orders', mode: 'ACCESS EXCLUSIVE', preExisting: true }],
    rewrote: [{ relation: 'orders', preExisting: true }],
  });
  const blocking = observed({ line: 4, text: 'CREATE INDEX orders_c ON orders (c)', locks: [{ relation: 'orders', mode: 'SHARE', preExisting: true }] });

  it('each have a summary and an explanation in the rule registry', () => {
    expect(shadowRules.map((rule) => rule.id).sort()).toEqual(Object.values(SHADOW_RULES).sort());
    for (const rule of shadowRules) {
      expect(ruleInfos).toContainEqual(rule);
      expect(rule.summary.length).toBeGreaterThan(20);
      expect(rule.description.length).toBeGreaterThan(100);
    }
  });

  it('report at the default severity the registry gives them', () => {
    const failed = observed({ line: 7, text: 'SELECT * FROM nope', error: { message: 'no', sqlState: '42P01', line: 7, column: 1 } });
    const unbounded = observed({ line: 3, text: 'ALTER TABLE orders ADD COLUMN a int', locks: [{ relation: 'orders', mode: 'ACCESS EXCLUSIVE', preExisting: true }] });
    const slow = observed({
      line: 9,
      text: 'UPDATE orders SET a = 1',
      deadlineExceeded: true,
      error: { message: "ran past the shadow run's deadline of 60 s and was cancelled", sqlState: '57014', line: 9, column: 1 },
    });
    const findings = [failed, rewrite, unbounded, blocking, slow].flatMap(shadowFindingsFor);
    // shadow-refused comes from the screen before anything runs (shadow-screen.ts), not from an observation.
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(Object.values(SHADOW_RULES).filter((id) => id !== SHADOW_RULES.refused)));
    for (const finding of findings) {
      expect(finding.severity).toBe(shadowRules.find((rule) => rule.id === finding.rule)!.defaultSeverity);
    }
  });

  it('are full SARIF rule entries (not bare ids) when the registry is passed', () => {
    const findings = shadowFindingsFor(rewrite);
    const log = migrationsToSarif({ version: 1, files: [{ path: 'db/002.sql', findings, statements: 1 }] }, ruleInfos);
    const entry = log.runs[0]!.tool.driver.rules.find((rule) => rule.id === 'shadow-table-rewrite')!;
    expect(entry.shortDescription).toEqual({ text: shadowRules.find((rule) => rule.id === 'shadow-table-rewrite')!.summary });
    expect(entry.fullDescription!.text).toContain('relfilenode');
  });

  it('take the configured severity, and none when configured off', () => {
    const findings = [...shadowFindingsFor(rewrite), ...shadowFindingsFor(blocking)];
    const configured = configuredShadowFindings(findings, { rules: { 'shadow-table-rewrite': 'warning', 'shadow-blocks-writes': 'off' } });
    expect(configured.map((f) => [f.rule, f.severity])).toEqual([['shadow-table-rewrite', 'warning']]);
    expect(configuredShadowFindings(findings, {}).map((f) => f.severity)).toEqual(['error', 'warning']);
  });
});
