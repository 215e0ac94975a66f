/**
 * Who signed: the identity Fulcio wrote into the signing certificate (the workflow's OIDC token),
 * and the policy it must meet. A valid Sigstore signature alone proves only that *someone* with an
 * OIDC identity signed; the policy says whose signature counts.
 *
 * Fulcio's certificate extensions: https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md
 */
import type { X509Certificate } from '@sigstore/core';

export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

export interface SignerIdentity {
  /** Subject alternative name: for GitHub Actions the workflow, `https://github.com/O/R/.github/workflows/x.yml@REF`. */
  san?: string;
  /** OIDC issuer of the token the certificate was issued for. */
  issuer?: string;
  /** Repository the workflow ran in, `https://github.com/OWNER/REPO`. */
  repository?: string;
  ref?: string;
  commit?: string;
  /** The run, `https://github.com/O/R/actions/runs/ID/attempts/N`. */
  run?: string;
  trigger?: string;
}

export interface SignerPolicy {
  /** `OWNER/REPO` (github.com) or `https://HOST/OWNER/REPO`: the repository the signing workflow ran in. */
  repo?: string;
  /** `.github/workflows/x.yml` (in `repo`) or `OWNER/REPO/.github/workflows/x.yml` (a reusable workflow). */
  workflow?: string;
  /** OIDC issuer the certificate must name. */
  issuer: string;
}

const OID = {
  issuerV1: '1.3.6.1.4.1.57264.1.1',
  triggerV1: '1.3.6.1.4.1.57264.1.2',
  commitV1: '1.3.6.1.4.1.57264.1.3',
  repositoryV1: '1.3.6.1.4.1.57264.1.5',
  refV1: '1.3.6.1.4.1.57264.1.6',
  issuer: '1.3.6.1.4.1.57264.1.8',
  repository: '1.3.6.1.4.1.57264.1.12',
  commit: '1.3.6.1.4.1.57264.1.13',
  ref: '1.3.6.1.4.1.57264.1.14',
  trigger: '1.3.6.1.4.1.57264.1.20',
  run: '1.3.6.1.4.1.57264.1.21',
};

const UTF8_STRING_TAG = 0x0c;

/** Version 2 extensions hold a DER UTF8String; version 1 (deprecated, still written) the raw text. */
function extension(cert: X509Certificate, oid: string, der: boolean): string | undefined {
  const ext = cert.extension(oid);
  if (!ext) return undefined;
  if (!der) return ext.value.toString('utf8');
  const inner = ext.valueObj.subs[0];
  return inner && inner.tag.number === UTF8_STRING_TAG ? inner.value.toString('utf8') : undefined;
}

export function signerIdentity(cert: X509Certificate): SignerIdentity {
  const repositoryV1 = extension(cert, OID.repositoryV1, false);
  const identity: SignerIdentity = {
    san: cert.subjectAltName,
    issuer: extension(cert, OID.issuer, true) ?? extension(cert, OID.issuerV1, false),
    repository: extension(cert, OID.repository, true) ?? (repositoryV1 ? `https://github.com/${repositoryV1}` : undefined),
    ref: extension(cert, OID.ref, true) ?? extension(cert, OID.refV1, false),
    commit: extension(cert, OID.commit, true) ?? extension(cert, OID.commitV1, false),
    run: extension(cert, OID.run, true),
    trigger: extension(cert, OID.trigger, true) ?? extension(cert, OID.triggerV1, false),
  };
  return Object.fromEntries(Object.entries(identity).filter(([, v]) => v !== undefined)) as SignerIdentity;
}

/** One line for reports: the workflow (SAN), the issuer, the run. */
export function describeIdentity(identity: SignerIdentity): string {
  const parts = [identity.san ?? 'no subject alternative name', `issuer ${identity.issuer ?? 'unknown'}`];
  if (identity.run) parts.push(`run ${identity.run}`);
  return parts.join(', ');
}

/** `OWNER/REPO` → `https://github.com/OWNER/REPO`; a URL is kept (GitHub Enterprise hosts). */
export function repositoryUrl(repo: string): string {
  return /^https:\/\//.test(repo) ? repo.replace(/\/+$/, '') : `https://github.com/${repo}`;
}

/** Splits a workflow SAN `https://HOST/OWNER/REPO/PATH@REF`. */
function parseWorkflowSan(san: string): { repository: string; path: string; ref: string } | undefined {
  const match = /^(https:\/\/[^/]+\/[^/]+\/[^/]+)\/([^@]+)@(.+)$/.exec(san);
  return match ? { repository: match[1]!, path: match[2]!, ref: match[3]! } : undefined;
}

const sameRepository = (a: string, b: string) => a.toLowerCase() === b.toLowerCase(); // GitHub names ignore case

/** What the identity fails of the policy, one sentence each; empty when it meets it. */
export function policyProblems(identity: SignerIdentity, policy: SignerPolicy): string[] {
  const problems: string[] = [];
  if (identity.issuer !== policy.issuer) {
    problems.push(`the certificate's OIDC issuer is ${identity.issuer ?? '(none)'}, not ${policy.issuer} (--cert-oidc-issuer)`);
  }
  const san = identity.san ? parseWorkflowSan(identity.san) : undefined;
  if (policy.repo !== undefined) {
    const expected = repositoryUrl(policy.repo);
    const actual = identity.repository ?? san?.repository;
    if (!actual) problems.push(`the certificate names no source repository, and --signer-repo asks for ${expected}`);
    else if (!sameRepository(actual, expected)) problems.push(`signed by a workflow of ${actual}, not of ${expected} (--signer-repo)`);
  }
  if (policy.workflow !== undefined) {
    const wanted = policy.workflow.startsWith('.github/')
      ? { repository: repositoryUrl(policy.repo ?? ''), path: policy.workflow }
      : { repository: repositoryUrl(policy.workflow.split('/').slice(0, 2).join('/')), path: policy.workflow.split('/').slice(2).join('/') };
    if (!san) problems.push(`the certificate's subject ${identity.san ?? '(none)'} is not a workflow, and --signer-workflow asks for ${wanted.path}`);
    else if (!sameRepository(san.repository, wanted.repository) || san.path !== wanted.path) {
      problems.push(`signed by workflow ${san.repository}/${san.path}, not ${wanted.repository}/${wanted.path} (--signer-workflow)`);
    }
  }
  return problems;
}
