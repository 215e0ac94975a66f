import { parseSloSpecs } from '../../../../core/slo/specs/index.ts';
import { specError } from './spec-error.ts';

const sli = (name: string, ratio: string) => `apiVersion: openslo/v1
kind: SLI
metadata:
  name: ${name}
spec:
  ratioMetric:
${ratio}`;

const slo = (spec: string, name = 'api-availability') => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
  labels:
    team: sre
    regions: [eu, us]
spec:
  service: api
${spec}`;

const BAD_TOTAL = `    counter: true
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

const ROLLING = `  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences`;

describe('OpenSLO v1 specs', () => {
  it('reads an SLO whose indicatorRef names an SLI in another document of the file', () => {
    const text = `${sli('errors', BAD_TOTAL)}\n---\n${slo(`  indicatorRef: errors\n${ROLLING}\n  objectives:\n    - target: 0.999`)}`;
    const [definition, ...rest] = parseSloSpecs(text, 'slos.yaml');
    expect(rest).toEqual([]);
    expect(definition).toEqual({
      name: 'api-availability',
      service: 'api',
      target: 0.999,
      window: { kind: 'rolling', duration: '28d', seconds: 28 * 86400 },
      budgetingMethod: 'Occurrences',
      indicator: {
        kind: 'ratio',
        bad: 'sum(rate(http_requests_total{code=~"5.."}[{{window}}]))',
        total: 'sum(rate(http_requests_total[{{window}}]))',
      },
      labels: { team: 'sre', regions: 'eu,us' },
      source: { file: 'slos.yaml', line: 22, key: 'metadata.name' },
    });
  });

  it('reads an inline indicator with good/total, targetPercent and a calendar window', () => {
    const text = slo(`  indicator:
    metadata:
      name: fast
    spec:
      ratioMetric:
        good:
          metricSource:
            spec:
              query: sum(rate(latency_bucket{le="0.3"}[{{window}}]))
        total:
          metricSource:
            spec:
              query: sum(rate(latency_count[{{window}}]))
  timeWindow:
    - duration: 1M
      calendar:
        startTime: "2024-01-01 00:00:00"
        timeZone: UTC
  objectives:
    - targetPercent: 99.9`);
    const [definition] = parseSloSpecs(text, 'slos.yaml');
    expect(definition!.target).toBe(0.999);
    expect(definition!.budgetingMethod).toBe('Occurrences');
    expect(definition!.window).toEqual({
      kind: 'calendar',
      duration: '1M',
      seconds: 30 * 86400,
      unit: 'Month',
      startTime: '2024-01-01 00:00:00',
      timeZone: 'UTC',
    });
    expect(definition!.indicator.good).toBe('sum(rate(latency_bucket{le="0.3"}[{{window}}]))');
  });

  it('reads Timeslices budgeting with its slice target and window', () => {
    const text = slo(`  indicatorRef: errors\n  timeWindow:\n    - duration: 7d\n  budgetingMethod: Timeslices
  objectives:
    - target: 0.99
      timeSliceTarget: 0.95
      timeSliceWindow: 5m`);
    const [definition] = parseSloSpecs(`${sli('errors', BAD_TOTAL)}\n---\n${text}`, 'slos.yaml');
    expect(definition!.timeslice).toEqual({ target: 0.95, window: '5m', seconds: 300 });
  });

  it('turns a raw failure ratio into bad / total, with total 0 where the ratio is NaN', () => {
    const raw = `    rawType: failure
    raw:
      metricSource:
        type: prometheus
        spec:
          query: job:errors:ratio_rate[{{window}}]`;
    const [definition] = parseSloSpecs(
      `${sli('raw', raw)}\n---\n${slo(`  indicatorRef: raw\n${ROLLING}\n  objectives:\n    - target: 0.99`)}`,
      'slos.yaml',
    );
    expect(definition!.indicator).toEqual({
      kind: 'ratio',
      bad: '(job:errors:ratio_rate[{{window}}])',
      total: '((job:errors:ratio_rate[{{window}}]) >= bool 0)',
    });
  });

  it('makes one SLO per objective, named after the objective', () => {
    const text = `${sli('errors', BAD_TOTAL)}\n---\n${slo(`  indicatorRef: errors\n${ROLLING}
  objectives:
    - displayName: Three Nines
      target: 0.999
    - target: 0.99`)}`;
    expect(parseSloSpecs(text, 'slos.yaml').map((d) => [d.name, d.target])).toEqual([
      ['api-availability-three-nines', 0.999],
      ['api-availability-2', 0.99],
    ]);
  });

  it('ignores Service and DataSource documents', () => {
    const text = `apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: api\nspec: {}\n---\n${sli('errors', BAD_TOTAL)}\n---\n${slo(
      `  indicatorRef: errors\n${ROLLING}\n  objectives:\n    - target: 0.9`,
    )}`;
    expect(parseSloSpecs(text, 'slos.yaml')).toHaveLength(1);
  });
});

describe('OpenSLO problems name the file, line and key and say what to do', () => {
  it('an unknown key, with its line', () => {
    const error = specError(slo(`  indicatorRef: x\n${ROLLING}\n  objectives:\n    - target: 0.999\n      tagret: 1`));
    expect(error.message).toContain('slos.yaml:17:7: spec.objectives[0].tagret: unknown key "tagret"');
    expect(error.line).toBe(17);
  });

  it('a target given in percent where a fraction is expected', () => {
    const error = specError(slo(`  indicatorRef: x\n${ROLLING}\n  objectives:\n    - target: 99.9`));
    expect(error.message).toContain('spec.objectives[0].target: must be < 1');
  });

  it('an indicatorRef to an SLI that is not in the files', () => {
    const error = specError(slo(`  indicatorRef: missing\n${ROLLING}\n  objectives:\n    - target: 0.9`));
    expect(error.message).toBe('spec.indicatorRef: no SLI named "missing" in the spec files given');
    expect(error.line).toBe(10);
    expect(error.hint).toContain('kind: SLI');
  });

  it('a thresholdMetric objective without op and value, which says what a good point is', () => {
    const threshold = `apiVersion: openslo/v1
kind: SLI
metadata:
  name: p99
spec:
  thresholdMetric:
    metricSource:
      type: Prometheus
      spec:
        query: histogram_quantile(0.99, x)`;
    const error = specError(`${threshold}\n---\n${slo(`  indicatorRef: p99\n${ROLLING}\n  objectives:\n    - target: 0.9`)}`);
    expect(error.message).toContain('spec.objectives[0]: op is required with a thresholdMetric indicator');
    expect(error.message).toContain('the SDK does not check it through indicatorRef');
    expect(error.line).toBe(27);
    expect(error.hint).toContain('op: lte and value: 0.5');
  });

  it('a non-Prometheus metric source', () => {
    const datadog = BAD_TOTAL.replace('type: Prometheus', 'type: Datadog');
    const error = specError(`${sli('e', datadog)}\n---\n${slo(`  indicatorRef: e\n${ROLLING}\n  objectives:\n    - target: 0.9`)}`);
    expect(error.message).toContain('metric source type "Datadog" is not supported');
    expect(error.line).toBe(10);
  });

  it('both good and bad, or neither', () => {
    const both = `${BAD_TOTAL}\n    good:\n      metricSource:\n        spec:\n          query: ok_total`;
    expect(specError(`${sli('e', both)}\n---\n${slo(`  indicatorRef: e\n${ROLLING}\n  objectives:\n    - target: 0.9`)}`).message).toContain(
      'give either good or bad, not both',
    );
  });

  it('target and targetPercent together, or neither', () => {
    const text = (objective: string) =>
      `${sli('e', BAD_TOTAL)}\n---\n${slo(`  indicatorRef: e\n${ROLLING}\n  objectives:\n    - ${objective}`)}`;
    expect(specError(text('target: 0.9\n      targetPercent: 90')).message).toContain('not both');
    expect(specError(text('displayName: x')).message).toContain('needs target');
  });

  it('a rolling window in months, which PromQL cannot express', () => {
    const error = specError(
      `${sli('e', BAD_TOTAL)}\n---\n${slo(`  indicatorRef: e\n  timeWindow:\n    - duration: 1M\n      isRolling: true\n  objectives:\n    - target: 0.9`)}`,
    );
    expect(error.message).toContain('"1M" cannot be a rolling window');
    expect(error.line).toBe(30);
  });

  it('Timeslices without a slice target, and RatioTimeslices without a slice length', () => {
    const text = (method: string) =>
      `${sli('e', BAD_TOTAL)}\n---\n${slo(`  indicatorRef: e\n  timeWindow:\n    - duration: 7d\n  budgetingMethod: ${method}\n  objectives:\n    - target: 0.9`)}`;
    expect(specError(text('Timeslices')).message).toContain('needs timeSliceTarget and timeSliceWindow');
    expect(specError(text('RatioTimeslices')).message).toContain('RatioTimeslices budgeting needs timeSliceWindow on every objective');
  });

  it('a composite objective with its own indicator', () => {
    const error = specError(slo(`  indicatorRef: e\n${ROLLING}\n  objectives:\n    - target: 0.9\n      indicatorRef: other`));
    expect(error.message).toContain('composite SLOs');
  });

  it('a query that cannot be windowed', () => {
    const summed = BAD_TOTAL.replace('query: http_requests_total\n', 'query: max(http_requests_total)\n').replace(
      /query: http_requests_total$/,
      'query: max(http_requests_total)',
    );
    const error = specError(`${sli('e', summed)}\n---\n${slo(`  indicatorRef: e\n${ROLLING}\n  objectives:\n    - target: 0.9`)}`);
    expect(error.message).toContain('spec.ratioMetric.total.metricSource.spec.query: cannot tell over which window');
    expect(error.line).toBe(17);
  });

  it('reads sum(counter) with counter: true, as the OpenSLO examples write it, as the sum of its rates', () => {
    const summed = BAD_TOTAL.replace(/query: http_requests_total$/, 'query: sum by (job) (http_requests_total{job="api"})');
    const [read] = parseSloSpecs(`${sli('e', summed)}\n---\n${slo(`  indicatorRef: e\n${ROLLING}\n  objectives:\n    - target: 0.9`)}`, 'slos.yaml');
    expect(read!.indicator.total).toBe('sum by (job) (rate(http_requests_total{job="api"}[{{window}}]))');
  });

  it('an unknown apiVersion or kind', () => {
    expect(specError('apiVersion: openslo/v2\nkind: SLO\n').message).toContain('apiVersion: must be one of "openslo/v1", "sloth.slok.dev/v1"');
    expect(specError('apiVersion: openslo/v1\nkind: Slo\nmetadata: {name: a}\nspec: {}\n').message).toContain('kind: must be one of');
  });

  it('two SLOs with the same name', () => {
    const one = slo(`  indicatorRef: e\n${ROLLING}\n  objectives:\n    - target: 0.9`);
    const error = specError(`${sli('e', BAD_TOTAL)}\n---\n${one}\n---\n${one}`);
    expect(error.message).toMatch(/SLO "api-availability" is defined twice \(also in slos.yaml:22\)/);
    expect(error.line).toBe(39);
  });
});
