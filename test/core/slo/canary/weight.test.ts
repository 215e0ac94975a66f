/**
 * Moving canary traffic: an HTTP endpoint of the test on 127.0.0.1, and real programs run without
 * a shell (node itself, so the test needs nothing installed).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandWeightSetter, httpWeightSetter, parseWeightCommand, recordWeightChanges } from '../../../../core/slo/canary/weight.ts';
import { closedPort, json, startTestServer, type TestServer } from '../../../support/http-server.ts';

describe('moving traffic over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer((request, response) => {
      if (request.path === '/slow') return; // never answers
      if (request.path === '/broken') return json(response, 502, { error: 'mesh API unavailable' });
      json(response, 204, null);
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('POSTs {"weight": N} as JSON with the given headers, keeping the query string', async () => {
    await httpWeightSetter({ url: `${server.url}/weight?rollout=api`, headers: { Authorization: 'Bearer t0ken' } })(25);
    expect(server.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/weight?rollout=api',
        body: '{"weight":25}',
        headers: expect.objectContaining({ 'content-type': 'application/json', authorization: 'Bearer t0ken' }),
      }),
    ]);
  });

  it('sends credentials in the URL as a Basic header (fetch refuses them in the URL)', async () => {
    const url = new URL(server.url);
    await httpWeightSetter({ url: `http://deployer:pa%24s@${url.host}/weight` })(10);
    expect(server.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('deployer:pa$s').toString('base64')}`);
  });

  it('fails on a non-2xx answer with the status and the body, never the credentials', async () => {
    const url = new URL(server.url);
    const set = httpWeightSetter({ url: `http://deployer:secret@${url.host}/broken` });
    await expect(set(50)).rejects.toThrow(`POST http://${url.host}/broken (weight 50) answered HTTP 502: {"error":"mesh API unavailable"}`);
    await expect(set(50)).rejects.not.toThrow(/secret/);
  });

  it('fails on a refused connection and on no answer within the timeout', async () => {
    const port = await closedPort();
    await expect(httpWeightSetter({ url: `http://127.0.0.1:${port}/weight` })(10)).rejects.toThrow(`POST http://127.0.0.1:${port}/weight (weight 10) failed:`);
    await expect(httpWeightSetter({ url: `${server.url}/slow`, timeoutMs: 200 })(10)).rejects.toThrow('(weight 10) failed: no answer within 0.2 s');
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => httpWeightSetter({ url: 'ftp://example.com/w' })).toThrow('set-weight-url must use http or https, not ftp:');
    expect(() => httpWeightSetter({ url: 'not a url' }, '--set-weight-url')).toThrow('--set-weight-url: "<invalid URL>" is not a URL');
  });
});

describe('moving traffic with a command', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-weight-command-'));
    writeFileSync(join(dir, 'echo-args.mjs'), "console.log(JSON.stringify(process.argv.slice(2)));\n");
    writeFileSync(join(dir, 'fail.mjs'), "console.error('line 1\\nroute api-canary not found'); process.exit(3);\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces {weight} inside every argument and passes shell syntax through untouched', async () => {
    const outputs: string[] = [];
    const set = commandWeightSetter({
      argv: [process.execPath, 'echo-args.mjs', '--weight={weight}', '$(rm -rf /); echo {weight}%', '*'],
      cwd: dir,
      onOutput: (weight, output) => outputs.push(`${weight}: ${output}`),
    });
    await set(25);
    expect(outputs).toEqual(['25: ["--weight=25","$(rm -rf /); echo 25%","*"]']);
  });

  it('fails with the exit code and the end of stderr', async () => {
    const set = commandWeightSetter({ argv: [process.execPath, 'fail.mjs', '{weight}'], cwd: dir });
    await expect(set(50)).rejects.toThrow(`set-weight-command for weight 50: "${process.execPath}" exited with code 3:\nline 1\nroute api-canary not found`);
  });

  it('names a program that does not exist', async () => {
    const set = commandWeightSetter({ argv: ['./no-such-script.sh', '{weight}'], cwd: dir });
    await expect(set(10)).rejects.toThrow('set-weight-command for weight 10: "./no-such-script.sh" was not found');
  });
});

describe('reading a weight command', () => {
  it('takes a JSON or YAML list, or plain words', () => {
    expect(parseWeightCommand('["kubectl", "argo", "rollouts", "set", "weight", "api", "{weight}"]')).toEqual(['kubectl', 'argo', 'rollouts', 'set', 'weight', 'api', '{weight}']);
    expect(parseWeightCommand('- ./set-weight.sh\n- --to\n- "{weight}"')).toEqual(['./set-weight.sh', '--to', '{weight}']);
    expect(parseWeightCommand('  ./deploy/set-weight.sh  api {weight} ')).toEqual(['./deploy/set-weight.sh', 'api', '{weight}']);
  });

  it('refuses quotes and shell operators in the one-line form, since no shell will read them', () => {
    for (const line of ['./set.sh "{weight}"', './set.sh {weight} | tee log', './set.sh $WEIGHT {weight}', './set.sh {weight}; rm x']) {
      expect(() => parseWeightCommand(line, 'input set-weight-command')).toThrow('uses quotes or shell syntax, but the command runs without a shell');
    }
  });

  it('refuses a command that cannot know the weight, an empty list and a program named {weight}', () => {
    expect(() => parseWeightCommand('./set-weight.sh api')).toThrow('set-weight-command: no argument holds {weight}');
    expect(() => parseWeightCommand('[]')).toThrow('set-weight-command: expected a non-empty list of arguments');
    expect(() => parseWeightCommand('{weight} now')).toThrow('the program name cannot be {weight}');
    expect(() => parseWeightCommand('./a.sh\n{weight}')).toThrow('a command on several lines must be a YAML list');
  });
});

describe('recording weight changes', () => {
  it('rethrows a failed step change (the analysis then rolls back) but keeps a failed rollback for the report', async () => {
    const recorded = recordWeightChanges(async (weight) => {
      if (weight === 50 || weight === 0) throw new Error(`refused ${weight}`);
    });
    await recorded.setWeight!(10);
    await expect(recorded.setWeight!(50)).rejects.toThrow('refused 50');
    await expect(recorded.setWeight!(0)).resolves.toBeUndefined();
    expect(recorded.changes).toEqual([{ weight: 10 }, { weight: 50, error: 'refused 50' }, { weight: 0, error: 'refused 0' }]);
    expect(recorded.rollbackFailure()).toBe('refused 0');
  });

  it('has no setter at all when nothing moves traffic (observation only)', () => {
    const recorded = recordWeightChanges(undefined);
    expect(recorded.setWeight).toBeUndefined();
    expect(recorded.rollbackFailure()).toBeUndefined();
  });
});
