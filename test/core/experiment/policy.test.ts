/**
 * checkPolicy through readExperiment, as the faces call it, with the real drivers' plans (planning
 * touches nothing): a configured policy tightens or loosens each rule, and a refusal lists every
 * violation with file, line, activity and the limit that applied.
 */
import { drivers } from '../../../core/drivers/index.ts';
import { FaultlineError } from '../../../core/errors.ts';
import { chaosPolicyFromConfig } from '../../../core/experiment/chaos-config.ts';
import { readExperiment } from '../../../core/experiment/engine.ts';
import { type ChaosPolicy, DEFAULT_CHAOS_POLICY } from '../../../core/experiment/policy.ts';

const policyFrom = (section: string): ChaosPolicy => chaosPolicyFromConfig(`chaos:\n${section}`, '.github/faultline.yml');

function experiment(method: string, tags = '[owner:sre]'): string {
  return `title: policy
description: policy test
tags: ${tags}
method:
${method}`;
}

const stopWorkers = (maxTargets: number, ttl = '60s') =>
  `  - type: action
    name: stop-workers
    provider: { type: faultline, driver: process, arguments: { action: stop, match: "^worker ", max-targets: ${maxTargets}, ttl: ${ttl} } }
`;
const deletePods = (percent: number) =>
  `  - type: action
    name: delete-checkout-pods
    provider: { type: faultline, driver: kubernetes, arguments: { action: delete-pods, namespace: shop, label-selector: app=checkout, percent: ${percent} } }
`;
const blackhole = `  - type: action
    name: blackhole-db
    provider: { type: faultline, driver: network, arguments: { action: blackhole, host: 127.0.0.1, port: 5432, ttl: 30s } }
`;

function read(text: string, policy: ChaosPolicy = DEFAULT_CHAOS_POLICY) {
  return readExperiment(text, 'chaos/exp.yaml', { drivers, env: {}, policy });
}

function refusal(text: string, policy?: ChaosPolicy): FaultlineError {
  try {
    read(text, policy);
  } catch (error) {
    if (error instanceof FaultlineError) return error;
    throw error;
  }
  throw new Error('the policy accepted the experiment');
}

describe('the chaos policy, built-in and configured', () => {
  it('requires an owner tag on experiments with faults, unless the policy says otherwise', () => {
    const text = experiment(stopWorkers(1), '[nightly]');
    expect(refusal(text).message).toContain('chaos/exp.yaml: tags: experiments that inject faults need an owner tag such as "owner:payments-sre"');
    expect(read(text, policyFrom('  require-owner: false\n')).faults).toHaveLength(1);
  });

  it('lets plain Chaos Toolkit experiments through whatever the policy, even without an owner', () => {
    const text = experiment('  - { type: action, name: echo, provider: { type: process, path: echo, arguments: [hi] } }\n', '[]');
    expect(read(text, policyFrom('  allowed-drivers: [toxiproxy]\n  max-faults: 1\n')).faults).toEqual([]);
  });

  it('refuses a driver outside allowed-drivers, naming the allowed ones', () => {
    const policy = policyFrom('  allowed-drivers: [process, toxiproxy]\n');
    expect(read(experiment(stopWorkers(1)), policy).faults).toHaveLength(1);
    expect(refusal(experiment(blackhole), policy).message).toContain(
      'chaos/exp.yaml:5: method[0] ("blackhole-db"): driver "network" is not allowed by the policy (allowed: process, toxiproxy)',
    );
  });

  it('refuses a time-to-live over max-ttl', () => {
    const policy = policyFrom('  max-ttl: 2m\n');
    expect(read(experiment(stopWorkers(1, '2m')), policy).faults[0]?.plan.ttlSeconds).toBe(120);
    expect(refusal(experiment(stopWorkers(1, '3m')), policy).message).toContain('method[0] ("stop-workers"): time-to-live 180 s is over the policy\'s 120 s');
  });

  it('applies a driver’s own blast-radius limit, and the default to the others', () => {
    const policy = policyFrom('  max-blast-radius:\n    default: { targets: 5 }\n    kubernetes: { percent: 10 }\n');
    expect(read(experiment(stopWorkers(5)), policy).faults).toHaveLength(1);
    expect(refusal(experiment(stopWorkers(6)), policy).message).toContain("blast radius 6 targets is over the policy's 5 targets");
    expect(read(experiment(deletePods(10)), policy).faults).toHaveLength(1);
    expect(refusal(experiment(deletePods(20)), policy).message).toContain(
      'method[0] ("delete-checkout-pods"): blast radius 20 percent is over the policy\'s 10 percent for kubernetes',
    );
    // The built-in 50 % holds for kubernetes when nothing is configured.
    expect(read(experiment(deletePods(50))).faults).toHaveLength(1);
    expect(refusal(experiment(deletePods(51))).message).toContain("blast radius 51 percent is over the policy's 50 percent");
  });

  it('refuses more faults than max-faults', () => {
    const text = experiment(stopWorkers(1) + blackhole);
    expect(refusal(text, policyFrom('  max-faults: 1\n')).message).toContain('chaos/exp.yaml: method: 2 faults, the policy allows at most 1');
  });

  it('lists every violation at once and says where the policy lives', () => {
    const policy = chaosPolicyFromConfig('chaos:\n  allowed-drivers: [process]\n  max-ttl: 30s\n  max-faults: 1\n', 'ci/faultline.yml');
    const error = refusal(experiment(stopWorkers(1, '1m') + blackhole, '[]'), policy);
    expect(error.message.split('\n')).toEqual([
      'experiment breaks the chaos policy:',
      '  chaos/exp.yaml: tags: experiments that inject faults need an owner tag such as "owner:payments-sre"',
      '  chaos/exp.yaml: method: 2 faults, the policy allows at most 1',
      '  chaos/exp.yaml:5: method[0] ("stop-workers"): time-to-live 60 s is over the policy\'s 30 s',
      '  chaos/exp.yaml:8: method[1] ("blackhole-db"): driver "network" is not allowed by the policy (allowed: process)',
    ]);
    expect(error.exitCode).toBe(2);
    expect(error.hint).toBe('add the owner tag, narrow the fault, or change the policy (chaos: in ci/faultline.yml); see docs/chaos.md#the-chaos-policy');
  });
});
