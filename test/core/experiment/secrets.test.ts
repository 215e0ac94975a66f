import { renderChaosMarkdown } from '../../../core/report/chaos-markdown.ts';
import { chaosResult } from '../../../core/experiment/result.ts';
import { startTestServer, type TestServer } from '../../support/http-server.ts';
import { runText } from './harness.ts';

describe('secrets never leave the engine', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Echoes the Authorization header back, the worst case: the secret comes back in the output.
    server = await startTestServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ auth: request.headers.authorization ?? null }));
    });
  });
  afterAll(() => server.close());

  it('redacts inline and environment secrets in the journal, events, result and summary', async () => {
    const ran = await runText(
      `
title: uses secrets
description: the token is echoed back by the server
secrets:
  api:
    token: { type: env, key: API_TOKEN }
    password: inline-pa55word-value
steady-state-hypothesis:
  title: echo
  probes:
    - type: probe
      name: echo-auth
      provider:
        type: http
        url: ${server.url}/echo
        headers: { Authorization: "Bearer \${token}", X-Password: "\${password}" }
        secrets: [api]
      tolerance: 200
method:
  - type: probe
    name: command-sees-secret
    provider: { type: faultline, probe: command, arguments: { command: "echo \${password} && exit 3" } }
`,
      { env: { API_TOKEN: 's3cr3t-token-from-env' } },
    );
    expect(server.requests[0]?.headers.authorization).toBe('Bearer s3cr3t-token-from-env');
    const everything = JSON.stringify([ran.journal, ran.events, chaosResult(ran.journal), renderChaosMarkdown(ran.journal)]);
    expect(everything).not.toContain('s3cr3t-token-from-env');
    expect(everything).not.toContain('inline-pa55word-value');
    expect(ran.journal.steady_states.before?.probes[0]?.output).toMatchObject({ body: { auth: 'Bearer ***' } });
    expect(ran.journal.experiment.secrets).toEqual({ api: { token: { type: 'env', key: 'API_TOKEN' }, password: '***' } });
    expect(ran.journal.run[0]?.output).toMatchObject({ stdout: '***\n', value: 3 });
    ran.cleanup();
  });
});
