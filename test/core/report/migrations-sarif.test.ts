/**
 * The migration gate's SARIF: valid SARIF 2.1.0, a helpUri per rule pointing at its section of the
 * rules page, each statement finding's region ending where the statement ends (past its `;`), and
 * a fix (replace the statement with the safe rewrite) where the rewrite is SQL for that statement.
 */
import { lintSource, loadParser } from '../../../core/migrations/lint.ts';
import { ruleInfos } from '../../../core/migrations/rules/index.ts';
import { migrationsToSarif } from '../../../core/report/migrations-sarif.ts';
import { expectValidSarif } from '../../support/sarif-schema.ts';

beforeAll(() => loadParser());

const SQL = [
  "SET lock_timeout = '2s';",
  '  CREATE INDEX orders_a',
  '    ON orders (a);',
  'DO $$ BEGIN CREATE INDEX orders_b ON orders (b); END $$;',
  'ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
].join('\n');

function sarifOf(sql: string) {
  const file = lintSource(sql, 'db/V1__x.sql');
  return migrationsToSarif({ version: 1, files: [file] }, ruleInfos, { rulesDocUri: 'https://github.com/o/faultline/blob/v1/docs/migrations/rules.md' });
}

describe('migrations SARIF', () => {
  it('is valid SARIF 2.1.0 with fixes and end positions', () => {
    expectValidSarif(sarifOf(SQL));
  });

  it('gives every rule a helpUri to its section of the rules page', () => {
    const rules = sarifOf(SQL).runs[0]!.tool.driver.rules;
    expect(rules.length).toBe(ruleInfos.length);
    for (const rule of rules) expect(rule.helpUri).toBe(`https://github.com/o/faultline/blob/v1/docs/migrations/rules.md#${rule.id}`);
  });

  it('ends a statement finding where the statement ends, across lines and past its semicolon', () => {
    const result = sarifOf(SQL).runs[0]!.results.find((r) => r.ruleId === 'non-concurrent-index' && r.locations[0]!.physicalLocation.region!.startLine === 2)!;
    expect(result.locations[0]!.physicalLocation.region).toEqual({ startLine: 2, startColumn: 3, endLine: 3, endColumn: 19 });
  });

  it('offers the safe rewrite as a fix replacing exactly the statement', () => {
    const result = sarifOf(SQL).runs[0]!.results.find((r) => r.ruleId === 'non-concurrent-index' && r.locations[0]!.physicalLocation.region!.startLine === 2)!;
    expect(result.fixes).toEqual([
      {
        description: { text: expect.stringContaining('safe rewrite') },
        artifactChanges: [
          {
            artifactLocation: { uri: 'db/V1__x.sql', uriBaseId: '%SRCROOT%' },
            replacements: [
              {
                deletedRegion: { startLine: 2, startColumn: 3, endLine: 3, endColumn: 19 },
                insertedContent: { text: expect.stringMatching(/^CREATE INDEX CONCURRENTLY orders_a\s+ON orders \(a\);$/) },
              },
            ],
          },
        ],
      },
    ]);
    // Applying the replacement to the file gives the rewrite in place of the statement.
    const lines = SQL.split('\n');
    const replaced = [...lines.slice(0, 1), `  ${result.fixes![0]!.artifactChanges[0]!.replacements[0]!.insertedContent.text}`, ...lines.slice(3)].join('\n');
    expect(replaced).toContain('CREATE INDEX CONCURRENTLY orders_a');
  });

  it('offers no fix inside a DO body (the rewrite may not fit in the string) nor for advice that is only comments', () => {
    const results = sarifOf(SQL).runs[0]!.results;
    const inDo = results.find((r) => r.ruleId === 'non-concurrent-index' && r.locations[0]!.physicalLocation.region!.startLine === 4)!;
    expect(inDo.fixes).toBeUndefined();
    const refused = migrationsToSarif(
      {
        version: 1,
        files: [
          {
            path: 'big.sql',
            statements: 0,
            findings: [
              { rule: 'file-too-large', severity: 'error', path: 'big.sql', line: 1, column: 1, endLine: 1, endColumn: 2, fixReplacesStatement: true, message: 'm', lock: null, blocks: [], rewrite: false, fix: '-- split it' },
            ],
          },
        ],
      },
      ruleInfos,
    );
    expect(refused.runs[0]!.results[0]!.fixes).toBeUndefined();
  });
});
