/** SLO definitions for engine tests, over the counters cli/demo/support/traffic.ts generates. */
import type { SloDefinition } from '../../../core/slo/types.ts';

export function requestSlo(name: string, service: string, target: number, options: Partial<SloDefinition> & { by?: 'good' | 'bad' } = {}): SloDefinition {
  const { by = 'bad', ...rest } = options;
  const selector = `service="${service}"`;
  return {
    name,
    service,
    target,
    window: { kind: 'rolling', duration: '28d', seconds: 28 * 86400 },
    budgetingMethod: 'Occurrences',
    indicator: {
      kind: 'ratio',
      total: `sum(rate(http_requests_total{${selector}}[{{window}}]))`,
      ...(by === 'bad'
        ? { bad: `sum(rate(http_requests_total{${selector},code=~"5.."}[{{window}}]))` }
        : { good: `sum(rate(http_requests_total{${selector},code!~"5.."}[{{window}}]))` }),
    },
    source: { file: `slos/${name}.yaml`, line: 1 },
    ...rest,
  };
}
