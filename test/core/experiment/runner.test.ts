import { existsSync } from 'node:fs';
import { closedPort } from '../../support/http-server.ts';
import { type LocalService, startLocalService } from '../../support/local-service.ts';
import { runText } from './harness.ts';

const healthProbes = (url: string) => `
steady-state-hypothesis:
  title: the service answers
  probes:
    - type: probe
      name: health
      provider: { type: faultline, probe: http, arguments: { url: "${url}/health", timeout: 1 } }
      tolerance: true
`;

describe('running an experiment against a real local service', () => {
  let service: LocalService;
  beforeEach(async () => {
    service = await startLocalService();
  });
  afterEach(async () => {
    await service.stop();
  });

  it('runs a Chaos Toolkit experiment using only http and process providers unchanged', async () => {
    const ran = await runText(`
title: ctk experiment
description: plain chaos toolkit
configuration:
  base: ${service.url}
steady-state-hypothesis:
  title: healthy
  probes:
    - type: probe
      name: status-200
      provider: { type: http, url: "\${base}/health", timeout: 2 }
      tolerance: 200
    - type: probe
      name: body-ok
      provider: { type: http, url: "\${base}/health" }
      tolerance: { type: jsonpath, path: "$.status", expect: ok, target: body }
    - type: probe
      name: echo-works
      provider: { type: process, path: echo, arguments: [hello] }
      tolerance: { type: regex, pattern: "^hello", target: stdout }
method:
  - type: action
    name: say-something
    provider: { type: process, path: sh, arguments: "-c 'echo method ran'" }
rollbacks:
  - type: action
    name: rollback-echo
    provider: { type: process, path: echo, arguments: [rolled back] }
`);
    expect(ran.journal.status).toBe('completed');
    expect(ran.journal.deviated).toBe(false);
    expect(ran.journal.steady_states.before?.steady_state_met).toBe(true);
    expect(ran.journal.steady_states.after?.probes).toHaveLength(3);
    expect(ran.journal.run[0]?.output).toMatchObject({ status: 0, stdout: 'method ran\n' });
    expect(ran.journal.rollbacks.map((r) => r.activity.name)).toEqual(['rollback-echo']);
    expect(ran.journal.faultline.score).toBe(100);
    ran.cleanup();
  });

  it('deviates when the process driver kills the service and nothing restarts it', async () => {
    const ran = await runText(`
title: kill the service
description: no supervisor, so the steady state after must fail
tags: [owner:sre]
${healthProbes(service.url)}
method:
  - type: action
    name: kill-it
    provider: { type: faultline, driver: process, arguments: { action: kill, signal: SIGKILL, pid: ${service.pid} } }
    pauses: { after: 0.2 }
`);
    expect(ran.journal.status).toBe('failed');
    expect(ran.journal.deviated).toBe(true);
    expect(ran.journal.steady_states.after?.steady_state_met).toBe(false);
    expect(ran.journal.faultline.reason).toMatch(/steady state deviated after the method: probe "health"/);
    expect(service.state()).toBeUndefined();
    expect(existsSync(ran.ledgerPath)).toBe(false);
    // A pause is announced, so a long one is never silent.
    expect(ran.events).toContainEqual({ type: 'note', message: 'pausing 0.2 s after "kill-it" (pauses.after)' });
    ran.cleanup();
  });

  it('stops the method and continues a frozen service as soon as a guardrail breaches', async () => {
    const ran = await runText(`
title: freeze with a guardrail
description: the guardrail must end the SIGSTOP long before the 30 s pause
tags: [owner:sre]
guardrails:
  frequency: 0.1
  probes:
    - type: probe
      name: fast-health
      provider: { type: faultline, probe: http, arguments: { url: "${service.url}/health", timeout: 0.3 } }
      tolerance: true
method:
  - type: action
    name: freeze
    provider: { type: faultline, driver: process, arguments: { action: stop, pid: ${service.pid}, ttl: 60 } }
    pauses: { after: 30 }
  - type: action
    name: never-reached
    provider: { type: process, path: echo, arguments: [nope] }
`);
    expect(ran.journal.status).toBe('aborted');
    expect(ran.journal.deviated).toBe(true);
    expect(ran.journal.faultline.breaches).toHaveLength(1);
    expect(ran.journal.faultline.breaches[0]).toMatchObject({ source: 'guardrail', probe: 'fast-health' });
    expect(ran.journal.faultline.faults[0]).toMatchObject({ driver: 'process', reverted_by: 'guardrail' });
    expect(ran.journal.run.map((r) => r.activity.name)).toEqual(['freeze']);
    expect(ran.journal.rollbacks[0]?.activity.name).toBe('revert: freeze');
    expect(service.state()).not.toBe('T');
    expect(existsSync(ran.ledgerPath)).toBe(false);
    ran.cleanup();
  });

  it('lets the watchdog continue a frozen service when its time-to-live passes', async () => {
    const ran = await runText(`
title: freeze for one second
description: the TTL ends the fault during the pause
tags: [owner:sre]
method:
  - type: action
    name: freeze
    provider: { type: faultline, driver: process, arguments: { action: stop, pid: ${service.pid}, ttl: 1 } }
    pauses: { after: 2 }
  - type: probe
    name: answers-again
    provider: { type: faultline, probe: http, arguments: { url: "${service.url}/health", timeout: 1 } }
`);
    expect(ran.journal.faultline.faults[0]?.reverted_by).toBe('ttl');
    expect(ran.journal.run[1]?.output).toMatchObject({ ok: true, status: 200 });
    expect(ran.journal.status).toBe('completed');
    ran.cleanup();
  });

  it('ends continuously-checked steady state at the first deviation when fail_fast is set', async () => {
    const ran = await runText(`
title: continuous hypothesis
description: continuously with fail_fast stops a frozen service's experiment
tags: [owner:sre]
${healthProbes(service.url)}
method:
  - type: action
    name: freeze
    provider: { type: faultline, driver: process, arguments: { action: stop, pid: ${service.pid}, ttl: 60 } }
    pauses: { after: 30 }
runtime:
  hypothesis: { strategy: continuously, frequency: 0.1, fail_fast: true }
`);
    expect(ran.journal.status).toBe('failed');
    expect(ran.journal.deviated).toBe(true);
    expect(ran.journal.steady_states.during.some((s) => !s.steady_state_met)).toBe(true);
    expect(ran.journal.faultline.breaches[0]?.source).toBe('continuous-hypothesis');
    expect(service.state()).not.toBe('T');
    ran.cleanup();
  });

  it('rolls back at once when the run is interrupted', async () => {
    const controller = new AbortController();
    const running = runText(
      `
title: interrupted
description: an abort (SIGTERM in the CLI) during the method
tags: [owner:sre]
method:
  - type: action
    name: freeze
    provider: { type: faultline, driver: process, arguments: { action: stop, pid: ${service.pid}, ttl: 60 } }
    pauses: { after: 30 }
rollbacks:
  - type: action
    name: user-rollback
    provider: { type: process, path: echo, arguments: [cleaned] }
`,
      { signal: controller.signal },
    );
    while (service.state() !== 'T') await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    const ran = await running;
    expect(ran.journal.status).toBe('interrupted');
    expect(ran.journal.faultline.faults[0]?.reverted_by).toBe('interrupted');
    expect(ran.journal.rollbacks.map((r) => r.activity.name)).toEqual(['revert: freeze', 'user-rollback']);
    expect(service.state()).not.toBe('T');
    ran.cleanup();
  });
});

describe('an unreachable steady-state target', () => {
  it('fails before the method with a reason that names the target and the cause', async () => {
    const port = await closedPort();
    const ran = await runText(`
title: nothing listens
description: the steady state cannot be met
tags: [owner:sre]
${healthProbes(`http://127.0.0.1:${port}`)}
method:
  - type: action
    name: never-runs
    provider: { type: process, path: echo, arguments: [nope] }
`);
    expect(ran.journal.status).toBe('failed');
    expect(ran.journal.deviated).toBe(false);
    expect(ran.journal.run).toHaveLength(0);
    expect(ran.journal.faultline.reason).toContain(`GET http://127.0.0.1:${port}/health: connection refused`);
    ran.cleanup();
  });
});
