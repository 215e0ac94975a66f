import { parseSloSpecSet, parseSloSpecs } from '../../../../core/slo/specs/index.ts';
import { specError } from './spec-error.ts';

const SPEC = `version: "prometheus/v1"
service: "myservice"
labels:
  owner: "myteam"
slos:
  - name: "requests-availability"
    objective: 99.9
    description: "Common SLO based on availability for HTTP request responses."
    labels:
      tier: 1
    sli:
      events:
        error_query: sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))
        total_query: sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))
    alerting:
      name: MyServiceHighErrorRate
      labels:
        category: "availability"
      annotations:
        summary: "High error rate on 'myservice' requests responses"
      page_alert:
        labels:
          severity: "pageteam"
      ticket_alert:
        disable: true
`;

describe('Sloth prometheus/v1 specs', () => {
  it('reads an events SLI with its percent objective, labels and alerting', () => {
    expect(parseSloSpecs(SPEC, 'sloth.yaml')).toEqual([
      {
        name: 'myservice-requests-availability',
        service: 'myservice',
        description: 'Common SLO based on availability for HTTP request responses.',
        target: 0.999,
        window: { kind: 'rolling', duration: '30d', seconds: 30 * 86400 },
        budgetingMethod: 'Occurrences',
        indicator: {
          kind: 'ratio',
          bad: 'sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{window}}]))',
          total: 'sum(rate(http_request_duration_seconds_count{job="myservice"}[{{window}}]))',
        },
        labels: { owner: 'myteam', tier: '1' },
        alerting: {
          name: 'MyServiceHighErrorRate',
          labels: { category: 'availability' },
          annotations: { summary: "High error rate on 'myservice' requests responses" },
          page: { labels: { severity: 'pageteam' } },
          ticket: { disable: true },
        },
        source: { file: 'sloth.yaml', line: 6, key: 'slos[0].name' },
      },
    ]);
  });

  it('reads a raw error-ratio SLI', () => {
    const raw = SPEC.replace(/ {6}events:\n.*\n.*\n/, '      raw:\n        error_ratio_query: job:errors:ratio[{{.window}}]\n');
    expect(parseSloSpecs(raw, 'sloth.yaml')[0]!.indicator).toEqual({
      kind: 'ratio',
      bad: '(job:errors:ratio[{{window}}])',
      total: '((job:errors:ratio[{{window}}]) >= bool 0)',
    });
  });

  it('reads the PrometheusServiceLevel Kubernetes resource', () => {
    const resource = `apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata:
  name: myservice
spec:
${SPEC.replace(/^version:.*\n/, '')
  .replace('error_query:', 'errorQuery:')
  .replace('total_query:', 'totalQuery:')
  .split('\n')
  .map((line) => (line ? `  ${line}` : line))
  .join('\n')}`;
    const [definition] = parseSloSpecs(resource, 'k8s.yaml');
    expect(definition!.name).toBe('myservice-requests-availability');
    expect(definition!.source.line).toBe(10);
  });

  it('refuses the resource spelled in snake_case as Sloth does, naming the camelCase key', () => {
    const resource = `apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nmetadata:\n  name: m\nspec:\n  service: s\n  slos:\n    - name: a\n      objective: 99\n      sli:\n        events:\n          error_query: sum(rate(e[{{.window}}]))\n          totalQuery: sum(rate(t[{{.window}}]))\n`;
    const error = specError(resource, 'k8s.yaml');
    expect(error.message).toContain('k8s.yaml:12:11: spec.slos[0].sli.events: missing required key "errorQuery"');
    const ok = parseSloSpecSet(resource.replace('error_query:', 'errorQuery:').replace('objective: 99', 'objective: 99\n      alerting:\n        page_alert: {disable: true}'), 'k8s.yaml');
    expect(ok.warnings).toEqual([
      'k8s.yaml:11: spec.slos[0].alerting.page_alert: unknown key "page_alert" is ignored (as Sloth does): the Kubernetes resource spells it pageAlert',
    ]);
  });

  it('refuses SLO plugins in every spelling with one message', () => {
    expect(specError(`${SPEC}slo_plugins:\n  chain: []\n`).message).toContain('slo_plugins: Sloth SLO plugins are not supported');
    expect(specError(SPEC.replace('    sli:', '    plugins:\n      chain: []\n    sli:')).message).toContain('slos[0].plugins: Sloth SLO plugins are not supported');
    const resource = `apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nmetadata:\n  name: m\nspec:\n  service: s\n  sloPlugins:\n    chain: []\n  slos:\n    - name: a\n      objective: 99\n      sli:\n        raw:\n          errorRatioQuery: x[{{.window}}]\n`;
    const error = specError(resource, 'k8s.yaml');
    expect(error.message).toBe('spec.sloPlugins: Sloth SLO plugins are not supported');
    expect(error.line).toBe(7);
  });

  it('refuses plugin SLIs and an objective of 100 %, with their lines; warns about unknown keys', () => {
    const plugin = SPEC.replace(/ {6}events:\n.*\n.*\n/, '      plugin:\n        id: sloth-common/kubernetes/apiserver/availability\n');
    const pluginError = specError(plugin, 'sloth.yaml');
    expect(pluginError.message).toBe('slos[0].sli.plugin: Sloth SLI plugins are not supported');
    expect(pluginError.line).toBe(12);

    expect(specError(SPEC.replace('objective: 99.9', 'objective: 100')).message).toContain('slos[0].objective: must be < 100');
    // Sloth ignores keys it does not know: so do we, with a warning naming the key.
    expect(parseSloSpecSet(SPEC.replace('    description:', '    descripton:'), 'slos.yaml').warnings).toContain(
      'slos.yaml:8: slos[0].descripton: unknown key "descripton" is ignored (as Sloth does)',
    );
    expect(specError(SPEC.replace('prometheus/v1', 'prometheus/v2')).message).toContain('version: must be equal to constant');
  });

  it('refuses an SLI with both events and raw, or neither', () => {
    const both = SPEC.replace('      events:', '      raw:\n        error_ratio_query: x[{{.window}}]\n      events:');
    expect(specError(both).message).toContain('exactly one of events, raw');
    const neither = SPEC.replace(/ {4}sli:\n.*\n.*\n.*\n/, '    sli: {}\n');
    expect(specError(neither).message).toContain('an SLI needs "events" or "raw"');
  });
});
