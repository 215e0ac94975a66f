/**
 * Bad input, every action, one voice: each of the six actions run in-process the way the runner
 * drives it (INPUT_* variables, GITHUB_STEP_SUMMARY) with realistic wrong input — a missing
 * required input, an input file broken at a known line, a path that matches nothing, a value
 * outside the allowed set. Each must fail the step, say in one clear message which input or which
 * file and line is wrong, show no stack trace, annotate the repository-relative file and line when
 * a file is at fault (so it lands on the pull request's diff) and write a job summary.
 * No service is contacted: every case fails before anything is run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run as chaosInject } from '../../actions/chaos-inject/src/run.ts';
import { run as evidenceUpload } from '../../actions/evidence-upload/src/run.ts';
import type { EvidenceServices } from '../../actions/evidence-upload/src/services.ts';
import { run as failoverVerify } from '../../actions/failover-verify/src/run.ts';
import { run as migrationGate } from '../../actions/migration-gate/src/run.ts';
import { run as securityGate } from '../../actions/security-gate/src/run.ts';
import { run as sloGate } from '../../actions/slo-gate/src/run.ts';
import { runActionInProcess } from '../support/action-run.ts';

// One workspace for the file: @actions/core keeps the job summary's path once it has used it.
let workspace: string;

/** Evidence services that must never be reached: every case fails on its input first. */
const unreachable = (): never => {
  throw new Error('a service was called although the input was bad');
};
const noServices = { attest: unreachable, uploadArtifact: unreachable, s3Client: unreachable } as unknown as EvidenceServices;

const ACTIONS: Record<string, (env: NodeJS.ProcessEnv) => Promise<void>> = {
  'migration-gate': migrationGate,
  'chaos-inject': chaosInject,
  'slo-gate': sloGate,
  'failover-verify': failoverVerify,
  'evidence-upload': (env) => evidenceUpload(env, noServices),
  'security-gate': securityGate,
};

interface BadInput {
  action: keyof typeof ACTIONS & string;
  what: string;
  inputs: Record<string, string>;
  /** Files written into the workspace first (repository-relative path → text). */
  files?: Record<string, string>;
  /** What the one clear message must say (the input's name, or the file and line). */
  says: RegExp;
  /** The annotation's file and line, when a file is at fault. */
  annotates?: { file: string; line: number };
}

const BROKEN_DRILL = ['name: broken', 'objectives:', '  rto: 30s', 'writer:', '  http:', '    url: http://127.0.0.1:9/beat', '    readback:', '      url: http://127.0.0.1:9/beat/{id}', '  interval: soon', 'fault:', '  manual: true', ''].join('\n');

const CASES: BadInput[] = [
  // migration-gate
  { action: 'migration-gate', what: 'a path that matches nothing', inputs: { paths: 'db/nowhere/**/*.sql' }, says: /db\/nowhere/ },
  { action: 'migration-gate', what: 'a bad fail-on value', inputs: { paths: 'db/*.sql', 'fail-on': 'critical' }, files: { 'db/V1__a.sql': 'SELECT 1;\n' }, says: /fail-on/ },
  {
    action: 'migration-gate',
    what: 'a config file broken at line 3',
    inputs: { paths: 'db/*.sql', config: 'gate/faultline.yml' },
    files: { 'db/V1__a.sql': 'SELECT 1;\n', 'gate/faultline.yml': 'migrations:\n  rules:\n    not-a-rule: off\n' },
    says: /^gate\/faultline\.yml:3: migrations\.rules\.not-a-rule: unknown rule id/,
    annotates: { file: 'gate/faultline.yml', line: 3 },
  },
  // chaos-inject
  { action: 'chaos-inject', what: 'no experiment', inputs: {}, says: /experiment/ },
  { action: 'chaos-inject', what: 'an experiment that does not exist', inputs: { experiment: 'chaos/nope.yaml' }, says: /chaos\/nope\.yaml/ },
  { action: 'chaos-inject', what: 'a bad dry-run value', inputs: { experiment: 'chaos/any.yaml', 'dry-run': 'maybe' }, files: { 'chaos/any.yaml': 'title: any\n' }, says: /dry-run/ },
  {
    action: 'chaos-inject',
    what: 'an experiment broken at line 4',
    inputs: { experiment: 'chaos/broken.yaml', 'dry-run': 'true' },
    files: { 'chaos/broken.yaml': 'version: 1.0.0\ntitle: broken\ndescription: a method of the wrong type\nmethod: 42\n' },
    says: /chaos\/broken\.yaml:4/,
    annotates: { file: 'chaos/broken.yaml', line: 4 },
  },
  // slo-gate
  { action: 'slo-gate', what: 'no specs', inputs: { 'prometheus-url': 'http://127.0.0.1:9' }, says: /specs/ },
  { action: 'slo-gate', what: 'specs that match nothing', inputs: { specs: 'slos/nowhere/*.yaml', 'prometheus-url': 'http://127.0.0.1:9' }, says: /slos\/nowhere/ },
  { action: 'slo-gate', what: 'a bad mode', inputs: { specs: 'slos/*.yaml', 'prometheus-url': 'http://127.0.0.1:9', mode: 'sometimes' }, says: /mode/ },
  {
    action: 'slo-gate',
    what: 'a spec broken at line 6',
    inputs: { specs: 'slos/bad/*.yaml', 'prometheus-url': 'http://127.0.0.1:9' },
    files: { 'slos/bad/api.yaml': 'apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nmetadata:\n  name: api\nspec:\n  service: 42\n  slos: []\n' },
    says: /slos\/bad\/api\.yaml:6/,
    annotates: { file: 'slos/bad/api.yaml', line: 6 },
  },
  // failover-verify
  { action: 'failover-verify', what: 'no config', inputs: {}, says: /config/ },
  { action: 'failover-verify', what: 'a drill that does not exist', inputs: { config: 'drills/nope.yml' }, says: /drills\/nope\.yml/ },
  {
    action: 'failover-verify',
    what: 'a drill broken at line 9',
    inputs: { config: 'drills/broken.yml' },
    files: { 'drills/broken.yml': BROKEN_DRILL },
    says: /drills\/broken\.yml:9: writer\.interval/,
    annotates: { file: 'drills/broken.yml', line: 9 },
  },
  // evidence-upload
  { action: 'evidence-upload', what: 'no paths', inputs: {}, says: /paths/ },
  { action: 'evidence-upload', what: 'paths that match nothing', inputs: { paths: 'evidence/nowhere/*.json', sign: 'false' }, says: /^input paths: evidence\/nowhere\/\*\.json: no such file or folder/ },
  { action: 'evidence-upload', what: 'signing without an OIDC token', inputs: { paths: 'evidence/*.json' }, files: { 'evidence/r.json': '{}\n' }, says: /input sign: .*OIDC/ },
  { action: 'evidence-upload', what: 'a bad destination', inputs: { paths: 'evidence/*.json', destination: 'ftp', sign: 'false' }, files: { 'evidence/r.json': '{}\n' }, says: /destination/ },
  // security-gate
  { action: 'security-gate', what: 'no scanner output', inputs: {}, says: /snyk-json|sarif|scanner/ },
  { action: 'security-gate', what: 'a path that matches nothing', inputs: { 'snyk-json': 'scans/nowhere-*.json' }, says: /scans\/nowhere-\*\.json/ },
  { action: 'security-gate', what: 'a bad fail-on value', inputs: { sarif: 'scans/ok.sarif', 'fail-on': 'sometimes' }, files: { 'scans/ok.sarif': '{"version":"2.1.0","runs":[]}\n' }, says: /fail-on/ },
  {
    action: 'security-gate',
    what: 'a scanner output broken at line 3',
    inputs: { 'snyk-json': 'scans/snyk.json' },
    files: { 'scans/snyk.json': '{\n  "vulnerabilities": [\n    {"id": oops}\n  ]\n}\n' },
    says: /^scans\/snyk\.json:3: not valid JSON \(unexpected 'o'\)/,
    annotates: { file: 'scans/snyk.json', line: 3 },
  },
];

/** `::error title=…,file=…,line=…::message` → its parts (@actions/core escapes `,` `:` `%` and newlines). */
function parseAnnotation(command: string): { file?: string; line?: number; message: string } {
  const match = /^::error(?: ([^:]*))?::(.*)$/.exec(command);
  const decode = (text: string) => text.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const properties = Object.fromEntries((match?.[1] ?? '').split(',').filter(Boolean).map((pair) => pair.split('=', 2) as [string, string]));
  return {
    file: properties.file ? decode(properties.file) : undefined,
    line: properties.line ? Number(properties.line) : undefined,
    message: decode(match?.[2] ?? command),
  };
}

/** A stack frame as Node prints it. */
const STACK_FRAME = /\n\s+at .+:\d+:\d+/;

describe('bad input to every action', () => {
  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'faultline-bad-input-'));
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it.each(CASES.map((c) => [c.action, c.what, c] as const))('%s: %s', async (_action, _what, c) => {
    for (const [path, text] of Object.entries(c.files ?? {})) {
      mkdirSync(dirname(join(workspace, path)), { recursive: true });
      writeFileSync(join(workspace, path), text);
    }
    const outcome = await runActionInProcess(ACTIONS[c.action]!, workspace, c.inputs);
    const errors = outcome.stdout.split('\n').filter((line) => line.startsWith('::error'));
    const context = `stdout:\n${outcome.stdout}\nsummary:\n${outcome.summary}`;
    // Failed, with one clear message (one annotation per problem, all naming the place).
    expect({ exitCode: outcome.exitCode, context }).toMatchObject({ exitCode: 1 });
    expect(errors.length).toBeGreaterThan(0);
    const annotations = errors.map(parseAnnotation);
    const said = annotations.map((a) => (a.file ? `${a.file}${a.line ? `:${a.line}` : ''}: ${a.message}` : a.message)).join('\n');
    if (process.env.SHOW_SAID) console.log(`${c.action}: ${c.what}\n${said}\n--- summary\n${outcome.summary}`);
    expect(said).toMatch(c.says);
    expect(said).not.toMatch(/unexpected error/);
    expect(outcome.stdout).not.toMatch(STACK_FRAME);
    expect(said).not.toContain(workspace);
    if (c.annotates) {
      expect(annotations[0]).toMatchObject(c.annotates);
      // Every problem of the file on its own line, none without a place.
      for (const annotation of annotations) expect(annotation).toMatchObject({ file: c.annotates.file, line: expect.any(Number) });
    }
    // Without a file at fault, one message naming the input (no annotation pretending a place).
    else expect(annotations).toEqual([expect.objectContaining({ file: undefined })]);
    // A job summary that says the step could not decide, in repository terms.
    expect(outcome.summary).toContain(`### ❌ ${c.action}: could not decide`);
    if (c.annotates) expect(outcome.summary).toContain(`| \`${c.annotates.file}:${c.annotates.line}:`);
    expect(outcome.summary).not.toContain(workspace);
    expect(outcome.summary).not.toMatch(STACK_FRAME);
  });
});
