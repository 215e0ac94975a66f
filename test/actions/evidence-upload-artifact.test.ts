/**
 * The workflow-artifact destination through the real @actions/artifact client, with GitHub's
 * artifact service (Twirp: CreateArtifact, FinalizeArtifact) and the blob store it hands out
 * answered by nock, since neither can be reached from here. Checks the retention asked for reaches
 * the service, and that the uploaded zip holds the whole bundle.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import nock from 'nock';
import { run } from '../../actions/evidence-upload/src/run.ts';
import { defaultServices } from '../../actions/evidence-upload/src/services.ts';
import { runActionInProcess } from '../support/action-run.ts';

const RESULTS = 'https://results-receiver.actions.test';
const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService';
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const RUNTIME_TOKEN = `${b64url({ alg: 'RS256' })}.${b64url({ scp: 'Actions.Results:ce7f54c7-61c7-4aae-887f-30da475f5f1a:ca395085-040a-526b-2ce8-bdc85f692774' })}.c2ln`;

let workspace: string;
let runnerTemp: string;
beforeAll(() => {
  nock.disableNetConnect();
  workspace = mkdtempSync(join(tmpdir(), 'faultline-evidence-artifact-'));
  runnerTemp = mkdtempSync(join(tmpdir(), 'faultline-runner-temp-'));
  writeFileSync(join(workspace, 'faultline-failover-result.json'), '{"version":1,"kind":"failover","verdict":"pass"}\n');
});
afterAll(() => {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(runnerTemp, { recursive: true, force: true });
});

it('creates the artifact with the retention asked, uploads the bundle as a zip and finalizes it', async () => {
  // Twirp's JSON uses the protobuf field names.
  let created: { name?: string; expires_at?: string } = {};
  let finalized: { size?: string; hash?: string } = {};
  const service = nock(RESULTS)
    .post(`${TWIRP}/CreateArtifact`, (body) => {
      created = body;
      return true;
    })
    .reply(200, { ok: true, signedUploadUrl: 'https://blob.actions.test/artifacts/evidence.zip?sig=abc' })
    .post(`${TWIRP}/FinalizeArtifact`, (body) => {
      finalized = body;
      return true;
    })
    .reply(200, { ok: true, artifactId: '987' });
  const blocks: Buffer[] = [];
  nock('https://blob.actions.test')
    .persist()
    .put(/\/artifacts\/evidence\.zip/)
    // nock 15 hands a one-argument reply function the fetch Request.
    .reply(async (request: Request) => {
      const body = Buffer.from(await request.arrayBuffer());
      if (!request.url.includes('comp=blocklist')) blocks.push(body);
      return [201, ''];
    });

  const services = { ...defaultServices() };
  const { outputs, exitCode, result } = await runActionInProcess((env) => run(env, services), workspace, { paths: 'faultline-failover-result.json', name: 'evidence', sign: 'false', 'retention-days': '30' }, {
    RUNNER_TEMP: runnerTemp,
    GITHUB_RUN_ID: '9',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    ACTIONS_RESULTS_URL: RESULTS,
    ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN,
  });
  expect(result.findings).toBeUndefined();
  expect(exitCode).toBeUndefined();
  expect(service.isDone()).toBe(true);
  expect(created.name).toBe('evidence');
  const days = (new Date(created.expires_at!).getTime() - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(29.9);
  expect(days).toBeLessThan(30.1);
  expect(finalized.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(outputs['manifest-url']).toBe('https://github.com/acme/shop/actions/runs/9/artifacts/987');
  const zip = unzipSync(new Uint8Array(Buffer.concat(blocks)));
  expect(Object.keys(zip).sort()).toEqual(['files/faultline-failover-result.json', 'manifest.json', 'statement.intoto.json']);
});
