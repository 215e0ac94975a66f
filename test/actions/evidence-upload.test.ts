/**
 * actions/evidence-upload as the runner drives it. S3 is a real Ceph RGW with Object Lock. Sigstore
 * (Fulcio, Rekor) and GitHub's attestation and artifact services cannot be reached from here: the
 * action calls them through the EvidenceServices interface, and these tests stand in for them there
 * (the stand-in returns a Sigstore-shaped bundle over the statement it was asked to sign).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { run } from '../../actions/evidence-upload/src/run.ts';
import type { AttestRequest, EvidenceServices } from '../../actions/evidence-upload/src/services.ts';
import { folderReader } from '../../core/evidence/bundle-reader.ts';
import { evidenceS3Client } from '../../core/evidence/s3-client.ts';
import { s3Reader } from '../../core/evidence/s3-reader.ts';
import { verifyBundle } from '../../core/evidence/verify.ts';
import { validateResult } from '../../core/result.ts';
import { readOutputs, runActionInProcess } from '../support/action-run.ts';
import { type CephRgw, startCephRgw } from '../../cli/demo/support/ceph-rgw.ts';

const TOKEN = 'db-password-Zq8v1Lr0';
let rgw: CephRgw;
let workspace: string;
let runnerTemp: string;

interface Calls {
  attest: AttestRequest[];
  artifacts: { name: string; files: string[]; root: string; days: number }[];
}

function services(calls: Calls, overrides: Partial<EvidenceServices> = {}): EvidenceServices {
  return {
    async attest(request) {
      calls.attest.push(request);
      const statement = { _type: 'https://in-toto.io/Statement/v1', subject: request.subjects, predicateType: request.predicateType, predicate: request.predicate };
      return {
        bundle: {
          mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
          verificationMaterial: { certificate: { rawBytes: 'c3RhbmQtaW4=' }, tlogEntries: [] },
          dsseEnvelope: { payloadType: 'application/vnd.in-toto+json', payload: Buffer.from(JSON.stringify(statement)).toString('base64'), signatures: [{ sig: 'c2ln', keyid: '' }] },
        },
        attestationID: '123456',
      };
    },
    async uploadArtifact(name, files, root, days) {
      calls.artifacts.push({ name, files, root, days });
      return { id: 987, size: 1 };
    },
    s3Client: (s) => evidenceS3Client({ endpoint: s.endpoint, credentials: { accessKeyId: rgw.env.AWS_ACCESS_KEY_ID, secretAccessKey: rgw.env.AWS_SECRET_ACCESS_KEY } }),
    ...overrides,
  };
}

const runEnv = () => ({ RUNNER_TEMP: runnerTemp, GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '2', GITHUB_SHA: 'c'.repeat(40), GITHUB_ACTOR: 'sre-bot', GITHUB_WORKFLOW: 'nightly drill', GITHUB_SERVER_URL: 'https://github.com', ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/request' });

function action(inputs: Record<string, string>, svc: EvidenceServices, env: Record<string, string> = {}) {
  return runActionInProcess((e) => run(e, svc), workspace, inputs, { ...runEnv(), ...env });
}

beforeAll(async () => {
  // One workspace for the file: @actions/core keeps the first GITHUB_STEP_SUMMARY path it sees.
  workspace = mkdtempSync(join(tmpdir(), 'faultline-evidence-action-'));
  rgw = await startCephRgw();
  await rgw.client().send(new CreateBucketCommand({ Bucket: 'evidence', ObjectLockEnabledForBucket: true }));
}, 120_000);
afterAll(async () => {
  await rgw?.stop();
  rmSync(workspace, { recursive: true, force: true });
});
beforeEach(() => {
  rmSync(join(workspace, 'drill'), { recursive: true, force: true });
  runnerTemp = mkdtempSync(join(tmpdir(), 'faultline-runner-temp-'));
  mkdirSync(join(workspace, 'drill'));
  writeFileSync(join(workspace, 'faultline-failover-result.json'), '{"version":1,"kind":"failover","verdict":"pass"}\n');
  writeFileSync(join(workspace, 'drill', 'timeline.ndjson'), '{"t":0,"event":"primary killed"}\n{"t":4.2,"event":"standby promoted"}\n');
});
afterEach(() => {
  rmSync(runnerTemp, { recursive: true, force: true });
});

describe('actions/evidence-upload', () => {
  it('packs, signs through attest and uploads an artifact with the retention asked, manifest last', async () => {
    const calls: Calls = { attest: [], artifacts: [] };
    const { outputs, summary, exitCode, result } = await action({ paths: 'faultline-*.json\ndrill/', name: 'nightly-drill', 'retention-days': '30', 'github-token': 'ghs_x' }, services(calls));
    expect(exitCode).toBeUndefined();
    expect(outputs['bundle-digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(outputs['attestation-url']).toBe('https://github.com/acme/shop/attestations/123456');
    expect(outputs['manifest-url']).toBe('https://github.com/acme/shop/actions/runs/77/artifacts/987');
    expect(calls.attest).toHaveLength(1);
    expect(calls.attest[0]).toMatchObject({ predicateType: 'https://faultline.dev/attestations/drill-evidence/v1', token: 'ghs_x' });
    expect(calls.attest[0]!.subjects.map((s) => s.name)).toEqual(['drill/timeline.ndjson', 'faultline-failover-result.json']);
    const [artifact] = calls.artifacts;
    expect(artifact).toMatchObject({ name: 'nightly-drill', days: 30 });
    expect(artifact!.files.at(-1)).toBe(join(artifact!.root, 'manifest.json'));
    expect(artifact!.files.map((f) => f.slice(artifact!.root.length + 1))).toContain('attestation.sigstore.json');

    // The stand-in attestation carries no real certificate: verify checks it offline and refuses it.
    const report = await verifyBundle(folderReader(artifact!.root));
    expect(report.problems).toEqual([{ path: 'attestation.sigstore.json', problem: expect.stringMatching(/^holds a signing certificate that cannot be parsed/) }]);
    expect(report.signature).toMatchObject({ kind: 'sigstore', status: 'invalid' });
    expect(summary).toContain('## Evidence: nightly-drill');
    expect(summary).toMatch(/\| `faultline-failover-result\.json` \| 49 \| `[0-9a-f]{16}…` \| application\/json \|/);
    expect(summary).toContain('Workflow artifact [nightly-drill](https://github.com/acme/shop/actions/runs/77/artifacts/987), kept 30 day(s)');
    expect(validateResult(result)).toEqual([]);
    expect(result).toMatchObject({ kind: 'evidence', verdict: 'pass', source: { repository: 'acme/shop', runId: '77' }, details: { digest: outputs['bundle-digest'] } });
  });

  it('stores in S3 under <prefix>/<repo>/<run>/<attempt> with Object Lock and legal hold, confirmed, and verifiable from S3', async () => {
    const calls: Calls = { attest: [], artifacts: [] };
    const { outputs, summary, exitCode, result } = await action(
      { paths: 'faultline-failover-result.json\ndrill', destination: 's3', 's3-bucket': 'evidence', 's3-prefix': 'drills', 's3-endpoint': rgw.endpoint, 'object-lock-mode': 'governance', 'retention-days': '400', 'legal-hold': 'true', sign: 'false' },
      services(calls),
    );
    expect(result.findings).toBeUndefined();
    expect(exitCode).toBeUndefined();
    expect(calls.artifacts).toEqual([]);
    expect(outputs['manifest-url']).toMatch(/^s3:\/\/evidence\/drills\/acme\/shop\/77\/2\/manifest\.json\?versionId=\S+$/);
    expect(outputs['attestation-url']).toBe('');
    const versionId = decodeURIComponent(outputs['manifest-url']!.split('versionId=')[1]!);
    const head = await rgw.client().send(new HeadObjectCommand({ Bucket: 'evidence', Key: 'drills/acme/shop/77/2/manifest.json', VersionId: versionId }));
    expect(head.ObjectLockMode).toBe('GOVERNANCE');
    expect(head.ObjectLockLegalHoldStatus).toBe('ON');
    expect(head.ObjectLockRetainUntilDate!.getTime()).toBeGreaterThan(Date.now() + 399 * 86_400_000);
    expect(summary).toMatch(/S3: `s3:\/\/evidence\/drills\/acme\/shop\/77\/2\/manifest\.json` version `\S+`, GOVERNANCE until \d{4}-.*legal hold/);
    expect(validateResult(result)).toEqual([]);
    const report = await verifyBundle(await s3Reader(services(calls).s3Client({ endpoint: rgw.endpoint } as never), { bucket: 'evidence', prefix: 'drills/acme/shop/77/2' }));
    expect(report.problems).toEqual([]);
  });

  it('caps the artifact at 90 days when retention-days asks for more, and says so', async () => {
    const calls: Calls = { attest: [], artifacts: [] };
    const { stdout, exitCode, result } = await action({ paths: 'drill', 'retention-days': '365', sign: 'false' }, services(calls));
    expect(result.findings).toBeUndefined();
    expect(exitCode).toBeUndefined();
    expect(calls.artifacts[0]!.days).toBe(90);
    expect(stdout).toMatch(/::warning::workflow artifacts are kept at most 90 days/);
  });

  it('refuses a file holding a registered secret: masks it, uploads nothing, writes an error result', async () => {
    writeFileSync(join(workspace, 'drill', 'psql.log'), `connecting: postgres://app:${TOKEN}@db/app\n`);
    const calls: Calls = { attest: [], artifacts: [] };
    const { stdout, exitCode, result } = await action({ paths: 'drill', secrets: TOKEN, sign: 'false' }, services(calls));
    expect(exitCode).toBe(1);
    expect(stdout).toContain(`::add-mask::${TOKEN}`);
    expect(stdout).toMatch(/::error::.*drill\/psql\.log contains the value of a secret/);
    expect(calls.artifacts).toEqual([]);
    expect(validateResult(result)).toEqual([]);
    expect(result).toMatchObject({ kind: 'evidence', verdict: 'error', findings: [{ rule: 'evidence-upload-error' }] });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('fails closed with the fix when signing is asked without id-token permission, or Sigstore cannot be reached', async () => {
    const calls: Calls = { attest: [], artifacts: [] };
    const noToken = await action({ paths: 'drill' }, services(calls), { ACTIONS_ID_TOKEN_REQUEST_URL: '' });
    expect(noToken.exitCode).toBe(1);
    expect(noToken.stdout).toMatch(/::error::input sign: is true, but the job cannot request an OIDC token.*id-token: write/s);
    expect(noToken.result).toMatchObject({ verdict: 'error' });

    const unreachable = await action({ paths: 'drill', 'github-token': 'ghs_x' }, services(calls, { attest: async () => Promise.reject(new Error('getaddrinfo ENOTFOUND fulcio.sigstore.dev')) }));
    expect(unreachable.exitCode).toBe(1);
    expect(unreachable.result).toMatchObject({ verdict: 'error', findings: [{ message: expect.stringContaining('fulcio.sigstore.dev') }] });
    expect(calls.artifacts).toEqual([]);
  });

  it('rejects bad inputs by name: destination, bucket, lock mode, retention', async () => {
    const calls: Calls = { attest: [], artifacts: [] };
    for (const [inputs, message] of [
      [{ destination: 'ftp' }, /input destination: expected artifact, s3 or both/],
      [{ destination: 's3' }, /input s3-bucket: is required/],
      [{ destination: 'both', 's3-bucket': 'evidence', 'object-lock-mode': 'forever' }, /input object-lock-mode: expected COMPLIANCE or GOVERNANCE/],
      [{ 'retention-days': '-3' }, /input retention-days: expected a whole number/],
    ] as const) {
      const { exitCode, stdout, result } = await action({ paths: 'drill', sign: 'false', ...inputs }, services(calls));
      expect({ inputs, exitCode }).toEqual({ inputs, exitCode: 1 });
      expect(stdout).toMatch(message);
      expect(result).toMatchObject({ verdict: 'error' });
      expect(JSON.parse(readFileSync(join(workspace, 'faultline-evidence-result.json'), 'utf8')).verdict).toBe('error');
    }
  });

  it('runs from the committed dist/ bundle in its own process, storing in S3 with the AWS SDK bundled', async () => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      ...rgw.env,
      ...runEnv(),
      GITHUB_RUN_ID: '78',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: join(workspace, 'dist-output.txt'),
      GITHUB_STEP_SUMMARY: join(workspace, 'dist-summary.md'),
      INPUT_PATHS: 'faultline-failover-result.json',
      INPUT_DESTINATION: 's3',
      'INPUT_S3-BUCKET': 'evidence',
      'INPUT_S3-PREFIX': 'faultline-evidence', // the runner passes action.yml's defaults
      'INPUT_S3-ENDPOINT': rgw.endpoint,
      'INPUT_RETENTION-DAYS': '1',
      INPUT_SIGN: 'false',
    };
    writeFileSync(env.GITHUB_OUTPUT!, '');
    writeFileSync(env.GITHUB_STEP_SUMMARY!, '');
    const bundle = new URL('../../actions/evidence-upload/dist/index.js', import.meta.url).pathname;
    const child = spawn(process.execPath, [bundle], { env, cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect({ code, stdout }).toEqual({ code: 0, stdout: expect.stringContaining('manifest.json version') });
    const outputs = readOutputs(env.GITHUB_OUTPUT!);
    expect(outputs['manifest-url']).toMatch(/^s3:\/\/evidence\/faultline-evidence\/acme\/shop\/78\/2\/manifest\.json\?versionId=/);
    expect(JSON.parse(readFileSync(outputs['result-file']!, 'utf8'))).toMatchObject({ kind: 'evidence', verdict: 'pass' });
  }, 60_000);
});
