/**
 * `--compat sloth` rules against Sloth's own generated rules for the same specs
 * (test/fixtures/peers/sloth-rules, see SOURCE.md): the same groups, record and alert names, labels,
 * annotations and expressions up to whitespace and float noise; and promtool accepts them.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'yaml';
import { main } from '../../../cli/main.ts';
import { generateSlothRules, SLOTH_COMPAT_VERSION } from '../../../core/slo/rules-sloth.ts';
import { loadSloSpecs } from '../../../core/slo/specs/index.ts';
import { promtool } from './promtool.ts';

const PEERS = 'test/fixtures/peers/sloth-rules';
const EXAMPLES = ['getting-started', 'home-wifi'];

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface File {
  groups: { name: string; rules: Rule[] }[];
}

/** Whitespace dropped; numbers to 12 significant digits (Sloth writes 1-0.999 as 0.0009999999999999432). */
function normaliseExpr(expr: string): string {
  return expr
    .replace(/\s+/g, '')
    .replace(/(?<![\w.])\d+\.\d+(?:e-?\d+)?/g, (n) => String(Number(Number(n).toPrecision(12))));
}

/** Sloth's examples carry `cmd: examplesgen.sh` from its generator script, and its version. */
function normalise(file: File): unknown {
  return file.groups.map((group) => ({
    name: group.name,
    rules: group.rules.map((rule) => {
      const labels = { ...rule.labels };
      delete labels.cmd;
      if ('sloth_version' in labels) labels.sloth_version = 'any';
      return { ...rule, expr: normaliseExpr(rule.expr), labels };
    }),
  }));
}

describe('faultline slo rules --compat sloth', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faultline-sloth-rules-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(EXAMPLES)('matches the rules Sloth generates for its %s example', async (name) => {
    const ours = parse(generateSlothRules(await loadSloSpecs([join(PEERS, `${name}.spec.yml`)]))) as File;
    const theirs = parse(await readFile(join(PEERS, `${name}.rules.yml`), 'utf8')) as File;
    expect(normalise(ours)).toEqual(normalise(theirs));
  });

  it('names itself in sloth_version and keeps the full windows Sloth records', async () => {
    const ours = parse(generateSlothRules(await loadSloSpecs([join(PEERS, 'getting-started.spec.yml')]))) as File;
    const info = ours.groups[1]?.rules.find((r) => r.record === 'sloth_slo_info');
    expect(info?.labels?.sloth_version).toBe(SLOTH_COMPAT_VERSION);
    expect(ours.groups[0]?.rules.map((r) => r.labels?.sloth_window)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']);
  });

  it('passes promtool check rules, for Sloth examples and our own example specs', async () => {
    const file = join(dir, 'sloth.yml');
    const specs = [...EXAMPLES.map((n) => join(PEERS, `${n}.spec.yml`)), 'examples/slos/openslo', 'examples/slos/sloth'];
    await writeFile(file, generateSlothRules(await loadSloSpecs(specs)));
    const result = await promtool(['check', 'rules', file]);
    expect(result.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(result.code).toBe(0);
  });

  it.each(['sloth', 'faultline'])('fires the same alerts on the same data (promtool test rules, %s rules)', async (who) => {
    const caseDir = join(dir, `eval-${who}`);
    await mkdir(caseDir);
    const rules =
      who === 'sloth'
        ? // Drop the label Sloth's example script adds, which the spec does not give.
          (await readFile(join(PEERS, 'getting-started.rules.yml'), 'utf8')).replace(/^ +cmd: examplesgen\.sh\n/gm, '')
        : generateSlothRules(await loadSloSpecs([join(PEERS, 'getting-started.spec.yml')]));
    await writeFile(join(caseDir, 'rules.yml'), rules);
    await copyFile(join(PEERS, 'getting-started.test.yml'), join(caseDir, 'getting-started.test.yml'));
    const result = await promtool(['test', 'rules', 'getting-started.test.yml'], caseDir);
    expect(result.output).toContain('SUCCESS');
    expect(result.output).not.toContain('FAILED');
    expect(result.code).toBe(0);
  });

  it('is the CLI option, and refuses other peers', async () => {
    const run = async (args: string[]) => {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let out = '';
      let err = '';
      stdout.on('data', (c: Buffer) => (out += c.toString()));
      stderr.on('data', (c: Buffer) => (err += c.toString()));
      const code = await main(args, { stdout, stderr, colour: false, cwd: process.cwd(), env: {} });
      return { code, out, err };
    };
    const ok = await run(['slo', 'rules', '--compat', 'sloth', join(PEERS, 'getting-started.spec.yml')]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('name: sloth-slo-alerts-myservice-requests-availability');
    expect(ok.out).toContain('record: slo:period_error_budget_remaining:ratio');
    const bad = await run(['slo', 'rules', '--compat', 'pyrra', join(PEERS, 'getting-started.spec.yml')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--compat must be sloth, not "pyrra"');
  });
});
