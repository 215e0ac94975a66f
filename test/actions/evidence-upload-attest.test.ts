/**
 * Signing in Actions through the real @actions/attest and @sigstore/sign code, with the services
 * they call answered by nock, since Sigstore cannot be reached from here: the runner's OIDC token
 * endpoint, Fulcio (GitHub's instance, for a private repository), the timestamp authority, and
 * GitHub's attestations API (each GitHub request checked against GitHub's OpenAPI description).
 * The certificate is a self-signed stand-in (test/fixtures/evidence/fulcio-test-leaf.pem), so this
 * proves the wiring and the bundle's shape, not Sigstore's trust chain (test/core/evidence/sigstore
 * verifies real and test-instance bundles).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { run } from '../../actions/evidence-upload/src/run.ts';
import { defaultServices } from '../../actions/evidence-upload/src/services.ts';
import { folderReader } from '../../core/evidence/bundle-reader.ts';
import { verifyBundle } from '../../core/evidence/verify.ts';
import { runActionInProcess } from '../support/action-run.ts';
import { expectValidGitHubRequests } from '../support/github-openapi.ts';

const LEAF = readFileSync(new URL('../fixtures/evidence/fulcio-test-leaf.pem', import.meta.url), 'utf8');
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const JWT = `${b64url({ alg: 'RS256' })}.${b64url({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:acme/shop:ref:refs/heads/main', aud: 'sigstore' })}.c2ln`;

let workspace: string;
let runnerTemp: string;
beforeAll(() => {
  nock.disableNetConnect();
  workspace = mkdtempSync(join(tmpdir(), 'faultline-evidence-attest-'));
  runnerTemp = mkdtempSync(join(tmpdir(), 'faultline-runner-temp-'));
  writeFileSync(join(workspace, 'faultline-failover-result.json'), '{"version":1,"kind":"failover","verdict":"pass"}\n');
});
afterAll(() => {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(runnerTemp, { recursive: true, force: true });
});

it('signs the statement with a Fulcio certificate for the workflow identity and records a GitHub attestation', async () => {
  const token = nock('https://token.actions.test').get('/request').query({ 'api-version': '2.0', audience: 'sigstore' }).reply(200, { value: JWT });
  let fulcioRequest: { credentials?: { oidcIdentityToken?: string }; publicKeyRequest?: { proofOfPossession?: string } } = {};
  const fulcio = nock('https://fulcio.githubapp.com')
    .post('/api/v2/signingCert', (body) => {
      fulcioRequest = body;
      return true;
    })
    .reply(200, { signedCertificateEmbeddedSct: { chain: { certificates: [LEAF] } } });
  const tsa = nock('https://timestamp.githubapp.com').post('/api/v1/timestamp').reply(200, Buffer.from('3003020100', 'hex'), { 'content-type': 'application/timestamp-reply' });
  const api = nock('https://api.github.com').post('/repos/acme/shop/attestations').reply(201, { id: 4242 });
  const github = expectValidGitHubRequests(api);

  const artifacts: string[][] = [];
  const services = {
    ...defaultServices(),
    uploadArtifact: async (_name: string, files: string[]) => {
      artifacts.push(files);
      return { id: 1 };
    },
  };
  const { outputs, exitCode, result } = await runActionInProcess((env) => run(env, services), workspace, { paths: 'faultline-failover-result.json', 'github-token': 'ghs_test' }, {
    RUNNER_TEMP: runnerTemp,
    GITHUB_RUN_ID: '9',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.test/request?api-version=2.0',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runtime-token',
  });
  expect(result.findings).toBeUndefined();
  expect(exitCode).toBeUndefined();
  for (const scope of [token, fulcio, tsa, api]) expect(scope.isDone()).toBe(true);
  github.verify();
  expect(fulcioRequest.credentials?.oidcIdentityToken).toBe(JWT);
  expect(fulcioRequest.publicKeyRequest?.proofOfPossession).toMatch(/^[A-Za-z0-9+/]+=*$/);
  expect(outputs['attestation-url']).toBe('https://github.com/acme/shop/attestations/4242');

  const bundleDir = join(runnerTemp, 'faultline-evidence-9-1', 'faultline-evidence');
  const sigstore = JSON.parse(readFileSync(join(bundleDir, 'attestation.sigstore.json'), 'utf8'));
  expect(sigstore.mediaType).toMatch(/^application\/vnd\.dev\.sigstore\.bundle/);
  expect(sigstore.verificationMaterial.timestampVerificationData.rfc3161Timestamps).toHaveLength(1);
  const statement = JSON.parse(Buffer.from(sigstore.dsseEnvelope.payload, 'base64').toString());
  expect(statement).toEqual(JSON.parse(readFileSync(join(bundleDir, 'statement.intoto.json'), 'utf8')));
  // Everything but the trust chain is real, so offline verification refuses the stand-in's CA.
  const report = await verifyBundle(folderReader(bundleDir));
  expect(report.problems).toEqual([{ path: 'attestation.sigstore.json', problem: expect.stringContaining('CN=faultline test stand-in for a Fulcio leaf", which is no CA of the trusted roots') }]);
  expect(report.signature).toMatchObject({ kind: 'sigstore', status: 'invalid' });
  expect(artifacts[0]!.at(-1)).toBe(join(bundleDir, 'manifest.json'));
});
