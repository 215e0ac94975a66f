/**
 * Every SLO in the OpenSLO project's own files that the OpenSLO tooling accepts (and that we do not
 * refuse by design) becomes Prometheus rules that `promtool check rules` accepts, in our names and
 * in Sloth's (`--compat sloth`); so do thresholdMetric SLOs of every budgeting method.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRules } from '../../../../core/slo/rules.ts';
import { generateSlothRules } from '../../../../core/slo/rules-sloth.ts';
import { loadSloSpecSet, parseSloSpecs } from '../../../../core/slo/specs/index.ts';
import type { SloDefinition } from '../../../../core/slo/types.ts';
import { promtool } from '../promtool.ts';
import { peerCorpus } from './peers.ts';

const { root, files, verdicts } = peerCorpus('openslo');
const accepted = files.filter((file) => verdicts[file]!.peer === 'accepts' && verdicts[file]!.ours === undefined);

const threshold = (name: string, method: string, slice: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: queues
  indicator:
    metadata:
      name: ${name}
    spec:
      thresholdMetric:
        metricSource:
          type: Any
          spec:
            query: histogram_quantile(0.99, sum by (le) (rate(job_seconds_bucket[5m])))
  timeWindow:
    - duration: 1M
      calendar:
        startTime: 2024-01-01 00:00:00
        timeZone: UTC
  budgetingMethod: ${method}
  objectives:
    - op: lt
      value: 0.25
      target: 0.995
${slice}`;

describe('rules for the OpenSLO corpus and for threshold SLOs pass promtool check rules', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faultline-openslo-rules-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const check = async (slos: SloDefinition[], name: string) => {
    for (const [flavour, generate] of [
      ['faultline', generateRules],
      ['sloth', generateSlothRules],
    ] as const) {
      const file = join(dir, `${name.replace(/[^\w.-]/g, '_')}.${flavour}.yml`);
      await writeFile(file, generate(slos));
      const result = await promtool(['check', 'rules', file]);
      expect(`${flavour}: ${result.output}`).toMatch(/SUCCESS: \d+ rules found/);
      expect(result.code).toBe(0);
    }
  };

  it('has corpus files with SLOs, thresholdMetric among them', async () => {
    const all: SloDefinition[] = [];
    for (const file of accepted) {
      all.push(...(await loadSloSpecSet([file, ...(verdicts[file]!.with ?? [])].map((f) => join(root, f)), { allowNoSlo: true })).slos);
    }
    expect(all.map((slo) => slo.name).sort()).toEqual(['my-slo-1', 'my-slo-2', 'search-slo']);
    expect(all.some((slo) => slo.indicator.sampleStep !== undefined)).toBe(true);
  });

  it.each(accepted)('%s', async (file) => {
    const { slos } = await loadSloSpecSet([file, ...(verdicts[file]!.with ?? [])].map((f) => join(root, f)), { allowNoSlo: true });
    if (slos.length > 0) await check(slos, file);
  });

  it('thresholdMetric SLOs with Occurrences, Timeslices and RatioTimeslices on a calendar month', async () => {
    const slos = parseSloSpecs(
      [
        threshold('jobs-occurrences', 'Occurrences', ''),
        threshold('jobs-timeslices', 'Timeslices', '      timeSliceTarget: 0.9\n      timeSliceWindow: 5m'),
        threshold('jobs-ratio-timeslices', 'RatioTimeslices', '      timeSliceWindow: 1m'),
      ].join('\n---\n'),
      'thresholds.yaml',
    );
    expect(slos.map((s) => s.budgetingMethod)).toEqual(['Occurrences', 'Timeslices', 'RatioTimeslices']);
    await check(slos, 'thresholds');
  });
});
