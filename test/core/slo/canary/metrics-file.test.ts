import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFaultlineError } from '../../../../core/errors.ts';
import { parseCanaryMetrics, readCanaryMetrics } from '../../../../core/slo/canary/metrics-file.ts';

const QUERY = 'avg(latency_seconds{ {{selector}} })';

function problem(text: string, file = 'metrics.yml'): string {
  try {
    parseCanaryMetrics(text, file);
  } catch (error) {
    if (isFaultlineError(error)) return error.format();
    throw error;
  }
  throw new Error('expected the metrics to be refused');
}

describe('reading canary metrics', () => {
  it('takes a bare list as the metrics, with the analysis defaults left unset', () => {
    expect(parseCanaryMetrics(`- name: latency\n  query: ${QUERY}\n  max: 0.5\n`, 'm.yml')).toEqual({
      metrics: [{ name: 'latency', query: QUERY, max: 0.5 }],
    });
  });

  it('takes the object form with confidence, thresholds (missing one defaulted) and the query step in seconds', () => {
    const config = parseCanaryMetrics(
      `confidence: 0.99\nthresholds: { pass: 90 }\nquery-step: 30s\nmetrics:\n  - { name: errors, query: "${QUERY}", direction: either, weight: 2, critical: true, tolerance: 0 }\n`,
      'm.yml',
    );
    expect(config).toEqual({
      metrics: [{ name: 'errors', query: QUERY, direction: 'either', weight: 2, critical: true, tolerance: 0 }],
      confidence: 0.99,
      thresholds: { marginal: 75, pass: 90 },
      queryStepSeconds: 30,
    });
  });

  it('reads JSON as well, since JSON is YAML', () => {
    expect(parseCanaryMetrics(JSON.stringify([{ name: 'a', query: QUERY }]), 'input metrics').metrics).toHaveLength(1);
  });

  it('lists every schema problem at once, each with file, line, column and key path', () => {
    const text = ['metrics:', '  - name: latency', `    query: ${QUERY}`, '    tolerance: -1', '    colour: red', '  - query: x', 'confidence: 1', ''].join('\n');
    const message = problem(text);
    expect(message).toContain('metrics.yml:4:16: invalid canary metrics (4 problems):');
    expect(message).toContain('  metrics.yml:4:16: metrics[0].tolerance: must be >= 0');
    expect(message).toContain('  metrics.yml:5:5: metrics[0].colour: unknown key "colour"');
    expect(message).toContain('  metrics.yml:6:5: metrics[1]: missing required key "name"');
    expect(message).toContain('  metrics.yml:7:13: confidence: must be < 1');
    expect(message).toContain('hint: see policy/schemas/canary-metrics.schema.json and docs/canary.md');
  });

  it('then checks what the schema cannot: {{selector}} in each query, unique names, min ≤ max, thresholds in order', () => {
    const text = [
      'thresholds: { marginal: 90, pass: 80 }',
      'metrics:',
      '  - name: latency',
      '    query: avg(latency_seconds)',
      '  - name: latency',
      `    query: ${QUERY}`,
      '    min: 2',
      '    max: 1',
      '',
    ].join('\n');
    const message = problem(text);
    expect(message).toContain('(4 problems)');
    expect(message).toContain('metrics.yml:4:12: metrics[0].query: has no {{selector}}');
    expect(message).toContain('metrics.yml:5:11: metrics[1].name: "latency" is already the name of metric 1; names must be unique');
    expect(message).toContain('metrics.yml:7:10: metrics[1].min: min 2 is above max 1');
    expect(message).toContain('metrics.yml:1:13: thresholds: marginal 90 is above pass 80');
  });

  it('refuses an empty file, an empty list and a YAML syntax error, saying where', () => {
    expect(problem('  \n')).toContain('metrics.yml: no canary metrics');
    expect(problem('[]\n')).toContain('(top level): must NOT have fewer than 1 items');
    expect(problem('metrics:\n  - name: [\n')).toMatch(/^metrics\.yml:\d+:\d+: cannot parse:/);
  });

  it('tells inline text from a file path, and names a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-canary-metrics-'));
    try {
      writeFileSync(join(dir, 'canary.yml'), `- name: latency\n  query: ${QUERY}\n`);
      expect(readCanaryMetrics('canary.yml', '--metrics', dir).metrics[0]!.name).toBe('latency');
      expect(readCanaryMetrics(`[{ name: inline, query: "${QUERY}" }]`, 'input metrics', dir).metrics[0]!.name).toBe('inline');
      expect(() => readCanaryMetrics('nope.yml', 'input metrics', dir)).toThrow('input metrics: metrics file "nope.yml" does not exist');
      expect(() => readCanaryMetrics('', 'input metrics', dir)).toThrow('input metrics is required in canary mode');
      // Errors in a file name the file as given, not the label.
      writeFileSync(join(dir, 'bad.yml'), '- name: x\n  query: y\n');
      expect(() => readCanaryMetrics('bad.yml', 'input metrics', dir)).toThrow(/bad\.yml:2:10: \[0\]\.query: has no \{\{selector\}\}/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
