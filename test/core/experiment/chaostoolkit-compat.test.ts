/**
 * Experiments Chaos Toolkit accepts run unchanged; what needs Python or controls is refused in the
 * same words wherever it hides, and every problem of a file is reported in one run.
 */
import { FaultlineError } from '../../../core/errors.ts';
import { readExperiment } from '../../../core/experiment/engine.ts';
import { runText, testDrivers } from './harness.ts';

const head = 'title: t\ndescription: d\n';

function read(text: string, options: { ignoreControls?: boolean; env?: Record<string, string> } = {}) {
  return readExperiment(text, 'exp.yaml', { drivers: testDrivers, env: options.env ?? {}, ignoreControls: options.ignoreControls }).prepared;
}

function errorOf(text: string, options: { ignoreControls?: boolean } = {}): FaultlineError {
  try {
    read(text, options);
  } catch (error) {
    if (error instanceof FaultlineError) return error;
    throw error;
  }
  throw new Error('expected the experiment to be refused');
}

const probeTrue = `
    - type: probe
      name: always
      provider: { type: process, path: "true" }
      tolerance: 0`;

describe('what Chaos Toolkit accepts, we accept', () => {
  it('runs a hypothesis-only experiment ("method": [])', async () => {
    const ran = await runText(`${head}steady-state-hypothesis:\n  title: s\n  probes:${probeTrue}\nmethod: []\n`);
    try {
      expect(ran.journal.status).toBe('completed');
      expect(ran.journal.steady_states.before?.steady_state_met).toBe(true);
    } finally {
      ran.cleanup();
    }
  });

  it('substitutes configuration into pauses', () => {
    const prepared = read(`${head}configuration:\n  wait: 2\n  later: { type: env, key: LATER, default: "3" }\nmethod:\n  - type: action\n    name: a\n    provider: { type: process, path: "true" }\n    pauses: { before: "\${wait}", after: "\${later}" }\n`);
    expect(prepared.method[0]?.activity.pauses).toEqual({ before: 2, after: 3 });
  });

  it('refuses a pause bound to something that is not seconds, naming the activity', () => {
    const error = errorOf(`${head}configuration:\n  wait: soon\nmethod:\n  - type: action\n    name: a\n    provider: { type: process, path: "true" }\n    pauses: { after: "\${wait}" }\n`);
    expect(error.message).toContain('exp.yaml:6:5: method[0] ("a"): pauses.after must be a number of seconds, got "soon"');
  });

  it('accepts a ref with other keys beside it and warns that they are ignored', () => {
    const prepared = read(`${head}steady-state-hypothesis:\n  title: s\n  probes:${probeTrue}\nmethod:\n  - ref: always\n    type: probe\n    name: again\n`);
    expect(prepared.method[0]?.activity.name).toBe('always');
    expect(prepared.warnings).toEqual(['exp.yaml:11:5: method[0]: keys beside "ref" are ignored (as Chaos Toolkit does): type, name']);
  });

  it('binds a placeholder tolerance before checking it against the probe', () => {
    const text = `${head}configuration:\n  open: { type: env, key: OPEN, env_var_type: bool }\nsteady-state-hypothesis:\n  title: s\n  probes:\n    - type: probe\n      name: port\n      provider: { type: faultline, probe: tcp, arguments: { port: 1 } }\n      tolerance: "\${open}"\nmethod: []\n`;
    expect(read(text, { env: { OPEN: 'true' } }).hypothesis[0]?.activity.tolerance).toBe(true);
    // Validation without the environment leaves it for the run.
    expect(readExperiment(text, 'exp.yaml', { drivers: testDrivers, env: {}, lenient: true }).prepared.hypothesis).toHaveLength(1);
  });

  it('warns, naming the key, about keys Chaos Toolkit ignores', () => {
    const prepared = read(`${head}dry_run: true\nmethod: []\n`);
    expect(prepared.warnings).toEqual(['exp.yaml:3:1: dry_run: unknown key "dry_run" is ignored (as Chaos Toolkit does)']);
  });
});

describe('Python and controls are refused in the same words wherever they are', () => {
  it('refuses a tolerance given as a Python probe', () => {
    const error = errorOf(`${head}steady-state-hypothesis:\n  title: s\n  probes:\n    - type: probe\n      name: body\n      provider: { type: http, url: "http://127.0.0.1:9/" }\n      tolerance:\n        type: probe\n        name: check\n        provider: { type: python, module: mychecks, func: body_ok }\nmethod: []\n`);
    expect(error.message).toContain('exp.yaml:12:9: steady-state-hypothesis.probes[0].tolerance.provider: the tolerance of activity "body" (a probe) uses the python provider (mychecks.body_ok); we do not run Python');
    expect(error.hint).toMatch(/does not run Python/);
  });

  it('refuses controls such as safeguards, top level and per activity', () => {
    const text = `${head}controls:\n  - name: safeguards\n    provider: { type: python, module: chaosaddons.controls.safeguards }\nmethod:\n  - type: action\n    name: a\n    provider: { type: process, path: "true" }\n    controls:\n      - name: tracing\n        provider: { type: python, module: chaostracing.control }\n`;
    const error = errorOf(text);
    expect(error.message).toContain('invalid experiment (2 problems)');
    expect(error.message).toContain('exp.yaml:4:5: controls[0]: control "safeguards" uses the python provider (chaosaddons.controls.safeguards); we do not run Python');
    expect(error.message).toContain('exp.yaml:11:9: method[0].controls[0]: control "tracing" uses the python provider (chaostracing.control); we do not run Python');
    expect(error.message).toContain('pass --ignore-controls to run without it');
  });

  it('runs without controls only when told to, and says so loudly', () => {
    const prepared = read(`${head}controls:\n  - name: safeguards\n    provider: { type: python, module: chaosaddons.controls.safeguards }\nmethod: []\n`, { ignoreControls: true });
    expect(prepared.warnings).toEqual(['exp.yaml:4:5: controls[0]: control "safeguards" is IGNORED (--ignore-controls): whatever it does, e.g. a safeguard, will NOT run']);
  });

  it('refuses configuration a Python probe would compute, and vault secrets', () => {
    const error = errorOf(`${head}configuration:\n  token:\n    type: probe\n    name: get-token\n    provider: { type: python, module: auth, func: token }\nsecrets:\n  k8s:\n    key: { type: vault, path: secret/k8s }\nmethod: []\n`);
    expect(error.message).toContain('exp.yaml:7:5: configuration.token.provider: configuration "token" (a dynamic value) uses the python provider (auth.token); we do not run Python');
    expect(error.message).toContain('exp.yaml:10:12: secrets.k8s.key.type: secrets "k8s.key" uses the vault provider; we do not run it');
  });

  it('reports schema errors and Python together, in one run', () => {
    const error = errorOf(`${head}method:\n  - type: action\n    provider: { type: process, path: "true" }\n  - type: action\n    name: kill\n    provider: { type: python, module: chaosk8s.pod.actions, func: terminate_pods }\n`);
    expect(error.message).toContain('invalid experiment (2 problems)');
    expect(error.message).toContain('exp.yaml:4:5: method[0]: missing required key "name"');
    expect(error.message).toContain('exp.yaml:8:5: method[1].provider: activity "kill" uses the python provider (chaosk8s.pod.actions.terminate_pods); we do not run Python');
  });
});
