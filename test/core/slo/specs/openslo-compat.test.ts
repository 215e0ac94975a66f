/**
 * OpenSLO files as the OpenSLO project publishes them: top-level lists, `---` documents, empty
 * optional fields, v1alpha (converted on read, with a note) and kinds we only read.
 */
import { parseSloSpecSet } from '../../../../core/slo/specs/index.ts';
import { specError } from './spec-error.ts';

const RATIO = `      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{code=~"5.."}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total`;

describe('OpenSLO as published', () => {
  it('reads a top-level list of objects, with empty optional fields, and names list items in errors', () => {
    const text = `- apiVersion: openslo/v1
  kind: Service
  metadata:
    name: web
- apiVersion: openslo/v1
  kind: SLO
  metadata:
    name: web-availability
  spec:
    service: web
    alertPolicies:
    description:
    indicator:
      metadata:
        name: errors
      spec:
${RATIO.replace(/^/gm, '  ')}
    timeWindow:
      - duration: 28d
        isRolling: true
    budgetingMethod: Occurrences
    objectives:
      - target: 0.99
`;
    const set = parseSloSpecSet(text, 'list.yaml');
    expect(set.slos.map((s) => [s.name, s.source.line])).toEqual([['web-availability', 8]]);
    expect(set.objects).toEqual({ Service: 1, SLO: 1 });
    const error = specError(text.replace('target: 0.99', 'target: 99'), 'list.yaml');
    expect(error.message).toContain('list.yaml:34:17: [1].spec.objectives[0].target: must be < 1');
  });

  it('accepts files that define no SLO when asked (slo validate), and warns about unset isRolling and budgetingMethod', () => {
    expect(parseSloSpecSet('apiVersion: openslo/v1\nkind: DataSource\nmetadata:\n  name: prom\nspec:\n  type: Prometheus\n  connectionDetails: {url: "http://x"}\n', 'ds.yaml', { allowNoSlo: true }).objects).toEqual({ DataSource: 1 });
    const set = parseSloSpecSet(
      `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: a\nspec:\n  service: s\n  indicator:\n    metadata:\n      name: e\n    spec:\n${RATIO}\n  timeWindow:\n    - duration: 28d\n  objectives:\n    - target: 0.9\n`,
      'w.yaml',
    );
    expect(set.warnings).toEqual([
      'w.yaml:24: spec.timeWindow[0]: isRolling is not set: read as a rolling window (the OpenSLO SDK reads it as false and then wants a calendar); write isRolling: true',
      'w.yaml:5: spec: budgetingMethod is not set: read as Occurrences (the OpenSLO SDK requires it)',
    ]);
  });

  it('converts openslo/v1alpha on read, with a note, and places problems at the v1alpha key', () => {
    const v1alpha = `apiVersion: openslo/v1alpha
kind: SLO
metadata:
  name: checkout
spec:
  service: shop
  budgetingMethod: Occurrences
  timeWindows:
    - unit: Day
      count: 28
      isRolling: true
  objectives:
    - displayName: available
      target: 0.995
      value: 1
      ratioMetrics:
        incremental: true
        good:
          source: prometheus
          queryType: promql
          query: http_requests_total{code!~"5.."}
        total:
          source: prometheus
          queryType: promql
          query: http_requests_total
`;
    const set = parseSloSpecSet(v1alpha, 'old.yaml');
    expect(set.slos[0]).toMatchObject({
      name: 'checkout',
      target: 0.995,
      window: { kind: 'rolling', duration: '28d' },
      indicator: { good: 'sum(rate(http_requests_total{code!~"5.."}[{{window}}]))', total: 'sum(rate(http_requests_total[{{window}}]))' },
    });
    expect(set.warnings).toContain('old.yaml:1: apiVersion: read as openslo/v1 (converted from openslo/v1alpha); consider upgrading the file');
    const error = specError(v1alpha.replace(/source: prometheus\n(\s+)queryType: promql\n(\s+)query: http_requests_total\n$/, 'source: datadog\n$1queryType: query\n$2query: sum:requests{*}\n'), 'old.yaml');
    expect(error.message).toContain('metric source type "datadog" is not supported');
    expect(error.line).toBe(23);
  });
});
