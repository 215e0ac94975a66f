/**
 * OpenSLO thresholdMetric SLIs, RatioTimeslices, and which metric sources Faultline queries: a
 * Prometheus-compatible type, `Any` or no type when the query is PromQL, a DataSource's type
 * through `metricSourceRef`; anything else is refused naming the type.
 */
import { parseSloSpecSet, parseSloSpecs } from '../../../../core/slo/specs/index.ts';
import { specError } from './spec-error.ts';

const thresholdSlo = (source: string, objectives: string, method = 'Occurrences') => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: lag
spec:
  service: orders
  indicator:
    metadata:
      name: queue-lag
    spec:
      thresholdMetric:
        metricSource:
${source}
  timeWindow:
    - duration: 1d
      isRolling: true
  budgetingMethod: ${method}
  objectives:
${objectives}`;

const PROMETHEUS = `          type: Prometheus
          spec:
            query: max(queue_lag_seconds{queue="orders"})`;

describe('OpenSLO thresholdMetric', () => {
  it('reads good events as the sampled points that meet op and value, of all numeric points', () => {
    const [slo] = parseSloSpecs(thresholdSlo(PROMETHEUS, '    - op: lte\n      value: 10\n      target: 0.99'), 'lag.yaml');
    expect(slo!.indicator).toEqual({
      kind: 'ratio',
      good: 'sum_over_time(((max(queue_lag_seconds{queue="orders"})) <= bool 10)[{{window}}:1m])',
      total: 'sum_over_time(((max(queue_lag_seconds{queue="orders"})) >= bool -Inf)[{{window}}:1m])',
      sampleStep: '1m',
    });
    expect(slo!.budgetingMethod).toBe('Occurrences');
    expect(slo!.target).toBe(0.99);
  });

  it.each([
    ['lt', '<'],
    ['lte', '<='],
    ['gt', '>'],
    ['gte', '>='],
  ])('maps op %s to PromQL %s', (op, promql) => {
    const [slo] = parseSloSpecs(thresholdSlo(PROMETHEUS, `    - op: ${op}\n      value: -0.25\n      target: 0.9`), 'lag.yaml');
    expect(slo!.indicator.good).toContain(`) ${promql} bool -0.25)[`);
  });

  it('makes one SLO per objective, each with its own threshold', () => {
    const slos = parseSloSpecs(
      thresholdSlo(PROMETHEUS, '    - displayName: fast\n      op: lt\n      value: 1\n      target: 0.9\n    - displayName: ok\n      op: lt\n      value: 5\n      target: 0.99'),
      'lag.yaml',
    );
    expect(slos.map((s) => s.name)).toEqual(['lag-fast', 'lag-ok']);
    expect(slos[0]!.indicator.good).toContain('< bool 1)');
    expect(slos[1]!.indicator.good).toContain('< bool 5)');
  });

  it('samples once per slice when Timeslices slices are shorter than a minute', () => {
    const [slo] = parseSloSpecs(
      thresholdSlo(PROMETHEUS, '    - op: lte\n      value: 10\n      target: 0.99\n      timeSliceTarget: 0.9\n      timeSliceWindow: 30s', 'Timeslices'),
      'lag.yaml',
    );
    expect(slo!.indicator.sampleStep).toBe('30s');
    expect(slo!.indicator.total).toContain('[{{window}}:30s]');
    expect(slo!.timeslice).toEqual({ target: 0.9, window: '30s', seconds: 30 });
  });

  it('refuses an objective without op or value, naming the objective', () => {
    const error = specError(thresholdSlo(PROMETHEUS, '    - op: lte\n      target: 0.99'));
    expect(error.message).toBe('spec.objectives[0]: value is required with a thresholdMetric indicator');
    expect(error.line).toBe(21);
  });

  it('refuses a query that returns a range vector or holds {{window}}', () => {
    const range = specError(thresholdSlo(PROMETHEUS.replace('max(queue_lag_seconds{queue="orders"})', 'queue_lag_seconds[5m]'), '    - op: lte\n      value: 1\n      target: 0.9'));
    expect(range.message).toContain('spec.indicator.spec.thresholdMetric.metricSource.spec.query: a thresholdMetric query must return an instant vector');
    expect(range.line).toBe(15);
    const windowed = specError(
      thresholdSlo(PROMETHEUS.replace('max(queue_lag_seconds{queue="orders"})', 'max_over_time(x[{{window}}])'), '    - op: lte\n      value: 1\n      target: 0.9'),
    );
    expect(windowed.message).toContain('cannot hold {{window}}');
  });

  it('reads the v1alpha form (indicator.thresholdMetric with the objective op and value)', () => {
    const set = parseSloSpecSet(
      `apiVersion: openslo/v1alpha
kind: SLO
metadata:
  name: web-latency
spec:
  service: web
  indicator:
    thresholdMetric:
      source: Prometheus
      queryType: query
      query: api_server_requestMsec{job="nginx"}
  timeWindows:
    - unit: Week
      count: 1
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Good
      value: 200.0
      op: lt
      target: 0.98`,
      'v1alpha.yaml',
    );
    expect(set.slos[0]!.indicator.good).toBe('sum_over_time(((api_server_requestMsec{job="nginx"}) < bool 200)[{{window}}:1m])');
    expect(set.warnings.join('\n')).toContain('converted from openslo/v1alpha');
  });
});

describe('OpenSLO metric sources', () => {
  const objective = '    - op: lte\n      value: 10\n      target: 0.99';

  it.each(['Prometheus', 'prometheus', 'Thanos', 'Mimir', 'VictoriaMetrics', 'Cortex', 'Any'])('reads type %s with a PromQL query', (type) => {
    const [slo] = parseSloSpecs(thresholdSlo(PROMETHEUS.replace('Prometheus', type), objective), 'lag.yaml');
    expect(slo!.indicator.total).toContain('queue_lag_seconds{queue="orders"}');
  });

  it('reads a source without a type, and the OpenSLO examples\' `type: Any, query: Any` (the metric named Any)', () => {
    expect(parseSloSpecs(thresholdSlo(PROMETHEUS.replace('          type: Prometheus\n', ''), objective), 'lag.yaml')).toHaveLength(1);
    const [slo] = parseSloSpecs(thresholdSlo('          type: Any\n          spec:\n            query: Any', objective), 'lag.yaml');
    expect(slo!.indicator.good).toBe('sum_over_time(((Any) <= bool 10)[{{window}}:1m])');
  });

  it('refuses Any, or no type, when the query is not PromQL, saying where the syntax breaks', () => {
    const error = specError(thresholdSlo('          type: Any\n          spec:\n            query: "sum:requests{service:web}.as_count()"', objective));
    expect(error.message).toContain('spec.indicator.spec.thresholdMetric.metricSource.spec.query: "sum:requests{service:web}.as_count()" is not PromQL: syntax error at character');
    expect(error.message).toContain('metric source type "Any" is read as Prometheus');
    expect(error.line).toBe(15);
    expect(error.hint).toContain('type Prometheus');
  });

  it('refuses a source that is not Prometheus-compatible, naming its type', () => {
    const error = specError(thresholdSlo('          type: CloudWatch\n          spec:\n            query: SELECT 1', objective));
    expect(error.message).toBe(
      'spec.indicator.spec.thresholdMetric.metricSource.type: metric source type "CloudWatch" is not supported: it is not Prometheus-compatible, so its query is not PromQL',
    );
    expect(error.line).toBe(13);
  });

  it('refuses a source without spec.query (e.g. AppDynamics fields)', () => {
    const error = specError(thresholdSlo('          spec:\n            metricPath: App|Slow Requests', objective));
    expect(error.message).toContain('metricSource.spec: a metric source needs spec.query, a PromQL string');
  });

  const dataSource = (type: string) => `apiVersion: openslo/v1
kind: DataSource
metadata:
  name: metrics
spec:
  type: ${type}
  connectionDetails:
    url: http://metrics.example
---
`;
  const byRef = thresholdSlo('          metricSourceRef: metrics\n          spec:\n            query: max(queue_lag_seconds)', objective);

  it("takes the type from the DataSource named by metricSourceRef, as OpenSLO infers it", () => {
    expect(parseSloSpecs(dataSource('Prometheus') + byRef, 'lag.yaml')).toHaveLength(1);
    const error = specError(dataSource('Datadog') + byRef);
    expect(error.message).toBe(
      'spec.indicator.spec.thresholdMetric.metricSource.metricSourceRef: metric source type "Datadog" (of DataSource "metrics") is not supported: it is not Prometheus-compatible, so its query is not PromQL',
    );
    expect(error.line).toBe(22);
  });

  it('checks ratioMetric queries the same way', () => {
    const ratio = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: avail
spec:
  service: web
  indicator:
    metadata:
      name: errors
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Any
            spec:
              query: sum(rate(ok_total[5m]))
        total:
          metricSource:
            type: NewRelic
            spec:
              query: SELECT count(*) FROM Transaction
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99`;
    expect(specError(ratio).message).toContain('total.metricSource.type: metric source type "NewRelic" is not supported');
    const [slo] = parseSloSpecs(ratio.replace('type: NewRelic', 'type: Any').replace('SELECT count(*) FROM Transaction', 'sum(rate(all_total[5m]))'), 'a.yaml');
    expect(slo!.indicator).toEqual({ kind: 'ratio', good: 'sum(rate(ok_total[{{window}}]))', total: 'sum(rate(all_total[{{window}}]))' });
  });
});

describe('OpenSLO RatioTimeslices', () => {
  it('reads the slice length (no slice target: each slice contributes its ratio)', () => {
    const [slo] = parseSloSpecs(thresholdSlo(PROMETHEUS, '    - op: lte\n      value: 10\n      target: 0.99\n      timeSliceWindow: 5m', 'RatioTimeslices'), 'lag.yaml');
    expect(slo!.budgetingMethod).toBe('RatioTimeslices');
    expect(slo!.timeslice).toEqual({ window: '5m', seconds: 300 });
  });

  it('reads a bare-number slice length in minutes, as the OpenSLO spec defines it', () => {
    const [slo] = parseSloSpecs(thresholdSlo(PROMETHEUS, '    - op: lte\n      value: 10\n      target: 0.99\n      timeSliceWindow: 5', 'RatioTimeslices'), 'lag.yaml');
    expect(slo!.timeslice).toEqual({ window: '5m', seconds: 300 });
  });
});

describe('op and value beside a ratioMetric', () => {
  const sli = `apiVersion: openslo/v1
kind: SLI
metadata:
  name: errors
spec:
  ratioMetric:
    counter: true
    bad:
      metricSource:
        spec:
          query: errors_total
    total:
      metricSource:
        spec:
          query: requests_total
---
`;
  const slo = (indicator: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: avail
spec:
  service: web
${indicator}
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - op: gt
      target: 0.99`;

  it('are accepted with a warning beside an indicatorRef (the SDK cannot check them there) and mean nothing', () => {
    const set = parseSloSpecSet(sli + slo('  indicatorRef: errors'), 'a.yaml');
    expect(set.slos).toHaveLength(1);
    expect(set.warnings).toEqual(['a.yaml:29: spec.objectives[0].op: op is ignored: the referenced SLI is a ratioMetric (op and value belong to thresholdMetric)']);
  });
});
