import { FaultlineError } from '../../../core/errors.ts';
import { readExperiment } from '../../../core/experiment/engine.ts';
import { testDrivers } from './harness.ts';

function errorOf(text: string, env: Record<string, string> = {}): FaultlineError {
  try {
    readExperiment(text, 'bad.yaml', { drivers: testDrivers, env });
  } catch (error) {
    if (error instanceof FaultlineError) return error;
    throw error;
  }
  throw new Error('expected the experiment to be rejected');
}

const head = 'title: t\ndescription: d\ntags: [owner:sre]\n';

describe('loading an experiment reports one clear error per mistake', () => {
  it('accepts an unknown key, as Chaos Toolkit does, and warns naming its line and key path', () => {
    const { prepared } = readExperiment(`${head}method:\n  - type: action\n    name: a\n    provider: { type: process, path: echo }\n    colour: red\n`, 'bad.yaml', {
      drivers: testDrivers,
      env: {},
    });
    expect(prepared.warnings).toEqual(['bad.yaml:8:5: method[0].colour: unknown key "colour" is ignored (as Chaos Toolkit does)']);
  });

  it('keeps unknown keys in our own faultline provider an error', () => {
    const error = errorOf(`${head}method:\n  - type: probe\n    name: p\n    provider: { type: faultline, probe: tcp, colour: red, arguments: { port: 1 } }\n`);
    expect(error.message).toMatch(/bad\.yaml:7:\d+: method\[0\]\.provider\.colour: unknown key "colour"/);
    expect(error.exitCode).toBe(2);
  });

  it('refuses a tolerance type that cannot fit the probe', () => {
    const error = errorOf(`${head}steady-state-hypothesis:
  title: s
  probes:
    - type: probe
      name: port-open
      provider: { type: faultline, probe: tcp, arguments: { port: 5432 } }
      tolerance: { type: regex, pattern: ok }
method:
  - type: action
    name: a
    provider: { type: process, path: echo }
`);
    expect(error.message).toMatch(/bad\.yaml:10:\d+: steady-state-hypothesis\.probes\[0\]\.tolerance: a regex tolerance does not fit the tcp probe \(it accepts: boolean, probe\)/);
  });

  it('says which ref names no activity and which names exist', () => {
    const error = errorOf(`${head}steady-state-hypothesis:
  title: s
  probes:
    - type: probe
      name: health
      provider: { type: http, url: "http://127.0.0.1:1/" }
      tolerance: 200
method:
  - ref: helth
`);
    expect(error.message).toContain('bad.yaml:12:5: method[0].ref: ref "helth" names no activity (known: "health")');
  });

  it('names the activity that uses the python provider', () => {
    const error = errorOf(`${head}method:
  - type: action
    name: terminate-pods
    provider: { type: python, module: chaosk8s.pod.actions, func: terminate_pods }
`);
    expect(error.message).toContain('activity "terminate-pods" uses the python provider (chaosk8s.pod.actions.terminate_pods); we do not run Python');
  });

  it('lists the known drivers when one is unknown', () => {
    const error = errorOf(`${head}method:\n  - type: action\n    name: a\n    provider: { type: faultline, driver: chainsaw }\n`);
    expect(error.message).toContain('method[0].provider.driver: unknown driver "chainsaw" (known: process)');
  });

  it("passes a driver's own argument error on with the activity's line", () => {
    const error = errorOf(`${head}method:\n  - type: action\n    name: freeze\n    provider: { type: faultline, driver: process, arguments: { action: stop, pid: 1234, colour: 3 } }\n`);
    expect(error.message).toMatch(/bad\.yaml:5:5: method\[0\] \("freeze"\): .*colour/);
  });

  it("passes a probe's own argument error on with the activity's line", () => {
    const error = errorOf(`${head}method:\n  - type: probe\n    name: p\n    provider: { type: faultline, probe: tcp, arguments: { port: 70000 } }\n`);
    expect(error.message).toContain('bad.yaml:5:5: method[0] ("p"): probe tcp: argument "port" must be an integer >= 1 <= 65535, got 70000');
  });

  it('requires a tolerance on steady-state probes', () => {
    const error = errorOf(`${head}steady-state-hypothesis:
  title: s
  probes:
    - type: probe
      name: no-tolerance
      provider: { type: http, url: "http://127.0.0.1:1/" }
method:
  - ref: no-tolerance
`);
    expect(error.message).toContain('probe "no-tolerance" needs a "tolerance"');
  });

  it('requires an owner tag once a fault driver is used', () => {
    const error = errorOf(`title: t\ndescription: d\nmethod:\n  - type: action\n    name: freeze\n    provider: { type: faultline, driver: process, arguments: { action: stop, pid: 1234 } }\n`);
    expect(error.message).toContain('experiments that inject faults need an owner tag such as "owner:payments-sre"');
  });

  it('names the environment variable a configuration value needs', () => {
    const error = errorOf(`${head}configuration:\n  url: { type: env, key: TARGET_URL }\nmethod:\n  - type: action\n    name: a\n    provider: { type: http, url: "\${url}" }\n`);
    expect(error.message).toContain('configuration.url: environment variable TARGET_URL is not set and has no default');
    expect(error.line).toBe(5);
  });

  it('accepts a plain Chaos Toolkit experiment with no owner tag', () => {
    const { prepared, faults } = readExperiment(
      `title: t\ndescription: d\nconfiguration:\n  url: { type: env, key: TARGET_URL, default: "http://127.0.0.1:9/" }\nmethod:\n  - type: probe\n    name: p\n    provider: { type: http, url: "\${url}" }\n`,
      'ok.yaml',
      { drivers: testDrivers, env: {} },
    );
    expect(faults).toHaveLength(0);
    expect(prepared.method[0]?.activity.provider).toMatchObject({ url: 'http://127.0.0.1:9/' });
  });
});
