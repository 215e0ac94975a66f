import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultlineError } from '../../../../core/errors.ts';
import { loadSloSpecSet, loadSloSpecs } from '../../../../core/slo/specs/index.ts';
import { specError } from './spec-error.ts';

describe('loading SLO specs from files and folders', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faultline-slo-specs-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads every example spec in examples/slos, OpenSLO and Sloth alike', async () => {
    const slos = await loadSloSpecs(['examples/slos/openslo', 'examples/slos/sloth']);
    const names = slos.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['checkout-availability', 'checkout-latency', 'payments-api-requests-availability', 'gateway-requests-availability']),
    );
    for (const slo of slos) {
      expect(slo.target).toBeGreaterThan(0);
      expect(slo.target).toBeLessThan(1);
      expect(slo.indicator.total).toContain('{{window}}');
    }
  });

  it('resolves an indicatorRef to an SLI in another file of the set', async () => {
    await writeFile(
      join(dir, 'sli.yaml'),
      'apiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: e\nspec:\n  ratioMetric:\n    bad:\n      metricSource:\n        spec:\n          query: errors_total\n    total:\n      metricSource:\n        spec:\n          query: requests_total\n',
    );
    const sloFile = join(dir, 'nested', 'slo.yml');
    await writeFile(join(dir, 'README.md'), 'not a spec');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'nested')));
    await writeFile(
      sloFile,
      'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: a\nspec:\n  service: s\n  indicatorRef: e\n  timeWindow:\n    - duration: 28d\n  objectives:\n    - target: 0.99\n',
    );
    const [slo] = await loadSloSpecs([dir]);
    expect(slo!.indicator.bad).toBe('sum(rate(errors_total[{{window}}]))');
    expect(slo!.source.file).toBe(sloFile);
    // The same SLO alone cannot find its SLI.
    await expect(loadSloSpecs([sloFile])).rejects.toThrow('no SLI named "e"');
  });

  it('says which path is missing, which folder is empty, and when nothing defines an SLO', async () => {
    await expect(loadSloSpecs([join(dir, 'nope.yaml')])).rejects.toThrow(/SLO spec path ".*nope.yaml" does not exist/);
    await expect(loadSloSpecs([dir])).rejects.toThrow('holds no SLO spec files');
    await expect(loadSloSpecs([])).rejects.toThrow(FaultlineError);
    expect(specError('# nothing here\n').message).toContain('defines no SLO');
    expect(specError('apiVersion: openslo/v1\nkind: Service\nmetadata: {name: a}\nspec: {}\n').message).toContain('define no SLO');
  });

  it('skips, with a note, a generated Prometheus rule file in a folder next to the specs', async () => {
    const set = await loadSloSpecSet(['examples/slos']);
    expect(set.slos.length).toBeGreaterThan(0);
    expect(set.warnings).toContain('examples/slos/rules/slo-rules.yml: skipped: a Prometheus rule file (top-level "groups"), not an SLO spec');
  });

  it('refuses a Prometheus rule file named on its own, saying what it is', async () => {
    await expect(loadSloSpecs(['examples/slos/rules/slo-rules.yml'])).rejects.toThrow('this is a Prometheus rule file (top-level "groups"), not an SLO spec');
  });

  it('reports a YAML syntax error at its line in the second document', () => {
    const error = specError('apiVersion: openslo/v1\nkind: Service\nmetadata: {name: a}\nspec: {}\n---\nfoo: [1,\n');
    expect(error.file).toBe('slos.yaml');
    expect(error.message).toMatch(/^cannot parse/);
    expect(error.line).toBeGreaterThanOrEqual(6);
  });
});
