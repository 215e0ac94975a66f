/** `evidence verify`'s options, parsed once into VerifyOptions: keys, Sigstore roots, whose signature counts. */
import { isAbsolute, resolve } from 'node:path';
import { readPublicKey } from '../../core/evidence/dsse.ts';
import { GITHUB_ACTIONS_ISSUER, type SignerPolicy } from '../../core/evidence/sigstore/identity.ts';
import type { VerifyOptions } from '../../core/evidence/verify.ts';
import type { CliIO } from '../io.ts';
import { usageError } from './evidence-args.ts';

export const VERIFY_FORMATS = ['text', 'json', 'markdown'] as const;
export type VerifyFormat = (typeof VERIFY_FORMATS)[number];

export const verifyArgs = {
  'public-key': { type: 'string' },
  'require-signature': { type: 'boolean', default: false },
  'signer-repo': { type: 'string' },
  'signer-workflow': { type: 'string' },
  'cert-oidc-issuer': { type: 'string', default: GITHUB_ACTIONS_ISSUER },
  'trusted-root': { type: 'string' },
  format: { type: 'string', default: 'text' },
  endpoint: { type: 'string' },
  'version-id': { type: 'string' },
} as const;

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const REPO_URL = /^https:\/\/[^/\s]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/?$/;
const WORKFLOW = /^\.github\/workflows\/[^@\s]+\.ya?ml$/;
const REUSABLE_WORKFLOW = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/\.github\/workflows\/[^@\s]+\.ya?ml$/;

function signerPolicy(values: Record<string, unknown>): SignerPolicy | undefined {
  const repo = values['signer-repo'] as string | undefined;
  const workflow = values['signer-workflow'] as string | undefined;
  const issuer = values['cert-oidc-issuer'] as string;
  if (repo !== undefined && !REPO.test(repo) && !REPO_URL.test(repo)) throw usageError(`--signer-repo "${repo}" must be OWNER/REPO (or https://HOST/OWNER/REPO)`);
  if (workflow !== undefined) {
    if (!WORKFLOW.test(workflow) && !REUSABLE_WORKFLOW.test(workflow)) {
      throw usageError(`--signer-workflow "${workflow}" must be a workflow path like .github/workflows/dr-drill.yml (or OWNER/REPO/.github/workflows/x.yml for a reusable workflow), without @ref`);
    }
    if (WORKFLOW.test(workflow) && repo === undefined) throw usageError(`--signer-workflow ${workflow} is a path in a repository: give --signer-repo OWNER/REPO too`);
  }
  if (!/^https:\/\/\S+$/.test(issuer)) throw usageError(`--cert-oidc-issuer "${issuer}" must be an https URL, e.g. ${GITHUB_ACTIONS_ISSUER}`);
  return repo !== undefined || workflow !== undefined ? { issuer, ...(repo ? { repo } : {}), ...(workflow ? { workflow } : {}) } : undefined;
}

export async function verifyOptions(values: Record<string, unknown>, io: CliIO): Promise<{ options: VerifyOptions; format: VerifyFormat }> {
  const abs = (path: string) => (isAbsolute(path) ? path : resolve(io.cwd, path));
  const format = values.format as VerifyFormat;
  if (!VERIFY_FORMATS.includes(format)) throw usageError(`--format "${format}": expected one of ${VERIFY_FORMATS.join(', ')}`);
  const signer = signerPolicy(values);
  const options: VerifyOptions = {
    requireSignature: values['require-signature'] as boolean,
    ...(values['public-key'] ? { publicKey: readPublicKey(abs(values['public-key'] as string)) } : {}),
    // Loaded only when asked for: the Sigstore libraries are memory every other run does without.
    ...(values['trusted-root'] ? { trustedRoots: (await import('../../core/evidence/sigstore/trusted-roots.ts')).readTrustedRoots(abs(values['trusted-root'] as string)) } : {}),
    ...(signer ? { signer } : {}),
  };
  if (options.publicKey && signer) throw usageError('--public-key (an ed25519 key signature) and --signer-repo/--signer-workflow (a Sigstore signature) exclude each other');
  return { options, format };
}
