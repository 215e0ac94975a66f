import { migrationsToSarif } from '../../../core/report/migrations-sarif.ts';
import { artifactLocation, buildSarif, ruleName, type SarifLog } from '../../../core/report/sarif.ts';
import type { Rule } from '../../../core/migrations/types.ts';
import { expectValidSarif } from '../../support/sarif-schema.ts';
import { sampleReport } from './sample-report.ts';

const rule = (id: string, defaultSeverity: Rule['defaultSeverity']): Rule => ({
  id,
  defaultSeverity,
  summary: `summary of ${id}`,
  description: `Takes a lock; why it hurts; the rewrite for ${id}.`,
  check: () => [],
});
const rules = [rule('non-concurrent-index', 'error'), rule('missing-lock-timeout', 'warning'), rule('drop-table', 'error')];

describe('SARIF 2.1.0', () => {
  const log = migrationsToSarif(sampleReport(), rules, { rulesDocUri: 'https://example.test/docs/migrations/rules.md' });
  const run = log.runs[0]!;

  it('validates against the OASIS SARIF 2.1.0 schema', () => {
    expectValidSarif(log);
  });

  it('describes every registry rule with its help text and default level', () => {
    const index = run.tool.driver.rules.find((r) => r.id === 'non-concurrent-index')!;
    expect(index).toEqual({
      id: 'non-concurrent-index',
      name: 'NonConcurrentIndex',
      shortDescription: { text: 'summary of non-concurrent-index' },
      fullDescription: { text: 'Takes a lock; why it hurts; the rewrite for non-concurrent-index.' },
      help: {
        text: 'Takes a lock; why it hurts; the rewrite for non-concurrent-index.',
        markdown: '**summary of non-concurrent-index**\n\nTakes a lock; why it hurts; the rewrite for non-concurrent-index.',
      },
      helpUri: 'https://example.test/docs/migrations/rules.md#non-concurrent-index',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['migrations', 'postgresql'] },
    });
    expect(run.tool.driver.rules.slice(0, 3).map((r) => r.id)).toEqual(rules.map((r) => r.id));
  });

  it('reports each finding with a level, a repository-relative location and a region', () => {
    const result = run.results.find((r) => r.ruleId === 'non-concurrent-index')!;
    expect(result.level).toBe('error');
    expect(run.tool.driver.rules[result.ruleIndex!]!.id).toBe('non-concurrent-index');
    expect(result.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'db/migrations/V2__index_orders.sql', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 1 },
    });
    expect(result.properties).toEqual({
      lock: 'SHARE',
      blocks: ['writes'],
      rewrite: false,
      fix: 'CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);',
      source: 'static',
    });
    expect(result.message.markdown).toContain('```sql\nCREATE INDEX CONCURRENTLY');
    expect(run.results.find((r) => r.ruleId === 'missing-lock-timeout')!.level).toBe('warning');
  });

  it('adds a descriptor for a result whose rule is not in the registry, such as a shadow observation', () => {
    const observed = run.results.find((r) => r.ruleId === 'observed-table-rewrite')!;
    expect(run.tool.driver.rules[observed.ruleIndex!]).toMatchObject({ id: 'observed-table-rewrite', defaultConfiguration: { level: 'error' } });
  });

  it('sets a category so other gates can upload SARIF beside it', () => {
    expect(run.automationDetails).toEqual({ id: 'faultline/migrations/' });
  });

  it('fingerprints a finding by rule, file and statement, not by line', () => {
    const report = sampleReport();
    const moved = sampleReport();
    moved.files[1]!.findings[0] = { ...moved.files[1]!.findings[0]!, line: 30 };
    const fingerprintOf = (l: SarifLog) => l.runs[0]!.results.find((r) => r.ruleId === 'non-concurrent-index')!.partialFingerprints;
    expect(fingerprintOf(migrationsToSarif(moved, rules))).toEqual(fingerprintOf(migrationsToSarif(report, rules)));
  });

  it('encodes awkward paths and keeps absolute ones as file URIs', () => {
    expect(artifactLocation('db\\my migrations\\V1#a.sql')).toEqual({ uri: 'db/my%20migrations/V1%23a.sql', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('./db/V1.sql')).toEqual({ uri: 'db/V1.sql', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/srv/app/V1.sql')).toEqual({ uri: 'file:///srv/app/V1.sql' });
  });

  it('is generic: any gate passes its own rules and results, and an empty run is valid', () => {
    const empty = buildSarif({ toolName: 'faultline', toolVersion: '0.1.0', rules: [], results: [] });
    expectValidSarif(empty);
    const other = buildSarif({
      toolName: 'faultline',
      toolVersion: '0.1.0',
      category: 'faultline/slo',
      rules: [{ id: 'budget-exhausted', summary: 'The error budget is spent', defaultLevel: 'note' }],
      results: [{ ruleId: 'budget-exhausted', level: 'note', message: 'checkout: 102% of budget burnt', path: 'slo/checkout.yaml' }],
    });
    expectValidSarif(other);
    expect(other.runs[0]!.results[0]!.locations[0]!.physicalLocation.region).toBeUndefined();
    expect(ruleName('add-column-volatile-default')).toBe('AddColumnVolatileDefault');
  });
});
