/**
 * The generated rules, freshly generated in each run, pass `promtool check rules`, and the alerts
 * fire and stay quiet as the Google SRE Workbook says (test/fixtures/promtool/*.test.yml).
 */
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRules } from '../../../core/slo/rules.ts';
import { loadSloSpecs } from '../../../core/slo/specs/index.ts';
import { promtool } from './promtool.ts';

const FIXTURES = 'test/fixtures/promtool';
const EXAMPLE_SPECS = ['examples/slos/openslo', 'examples/slos/sloth'];

describe('generated Prometheus rules', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faultline-rules-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('pass promtool check rules for every example spec', async () => {
    const file = join(dir, 'examples.yml');
    await writeFile(file, generateRules(await loadSloSpecs(EXAMPLE_SPECS)));
    const result = await promtool(['check', 'rules', file]);
    expect(result.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(result.code).toBe(0);
  });

  it('match the committed example output in examples/slos/rules (regenerate it when specs change)', async () => {
    const fresh = generateRules(await loadSloSpecs(EXAMPLE_SPECS), { generatedFrom: EXAMPLE_SPECS.join(' ') });
    expect(await readFile('examples/slos/rules/slo-rules.yml', 'utf8')).toBe(fresh);
  });

  it.each(['fast-burn-pages', 'low-error-rate-is-quiet', 'slow-burn-tickets'])(
    'pass the promtool rule test %s',
    async (name) => {
      const caseDir = join(dir, name);
      await import('node:fs/promises').then((fs) => fs.mkdir(caseDir));
      await writeFile(join(caseDir, 'rules.yml'), generateRules(await loadSloSpecs([join(FIXTURES, 'api-slo.yaml')])));
      await copyFile(join(FIXTURES, `${name}.test.yml`), join(caseDir, `${name}.test.yml`));
      const result = await promtool(['test', 'rules', `${name}.test.yml`], caseDir);
      expect(result.output).toContain('SUCCESS');
      expect(result.output).not.toContain('FAILED');
      expect(result.code).toBe(0);
    },
    // promtool simulates days of samples: CPU-bound, and slow on a busy machine.
    300_000,
  );

  it('has a rule test for every fixture file', async () => {
    const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.test.yml')).sort();
    expect(files).toEqual(['fast-burn-pages.test.yml', 'low-error-rate-is-quiet.test.yml', 'slow-burn-tickets.test.yml']);
  });

  it('fail promtool when a rule is broken, so the checks above can fail', async () => {
    const file = join(dir, 'broken.yml');
    await writeFile(file, generateRules(await loadSloSpecs([join(FIXTURES, 'api-slo.yaml')])).replace('>= (14.4', '>= >= (14.4'));
    const result = await promtool(['check', 'rules', file]);
    expect(result.code).not.toBe(0);
  });
});
