/**
 * Whose signature counts: the signing certificate's workflow identity against --signer-repo,
 * --signer-workflow and --cert-oidc-issuer. Identities are read from real certificates.
 */
import { readFileSync } from 'node:fs';
import { X509Certificate } from '@sigstore/core';
import { GITHUB_ACTIONS_ISSUER, policyProblems, type SignerIdentity, signerIdentity } from '../../../../core/evidence/sigstore/identity.ts';

function identityOf(fixture: string): SignerIdentity {
  const bundle = JSON.parse(readFileSync(new URL(`../../../fixtures/evidence/sigstore/${fixture}`, import.meta.url), 'utf8'));
  const material = bundle.verificationMaterial;
  const raw = material.certificate?.rawBytes ?? material.x509CertificateChain.certificates[0].rawBytes;
  return signerIdentity(X509Certificate.parse(Buffer.from(raw, 'base64')));
}

const conda = identityOf('conda-attestation.sigstore.json');
const reusable = identityOf('reusable-workflow-attestation.sigstore.json');
const policy = (extra: { repo?: string; workflow?: string; issuer?: string }) => ({ issuer: GITHUB_ACTIONS_ISSUER, ...extra });

describe('reading the identity from a Fulcio certificate', () => {
  it('takes the workflow, issuer, repository, ref, commit, run and event from its extensions', () => {
    expect(conda).toEqual({
      san: 'https://github.com/prefix-dev/sigstore-example/.github/workflows/action.yaml@refs/heads/main',
      issuer: GITHUB_ACTIONS_ISSUER,
      repository: 'https://github.com/prefix-dev/sigstore-example',
      ref: 'refs/heads/main',
      commit: '193b5bd7d3985809503963ae400594ea16df31cf',
      run: 'https://github.com/prefix-dev/sigstore-example/actions/runs/17377272645/attempts/1',
      trigger: 'push',
    });
  });

  it('reads an old certificate that has only the version 1 extensions', () => {
    expect(identityOf('sigstore-js-2.0.0-provenance.sigstore.json').repository).toBe('https://github.com/sigstore/sigstore-js');
  });
});

describe('the signer policy', () => {
  it('accepts the repository the workflow ran in, whatever the case GitHub names it in', () => {
    expect(policyProblems(conda, policy({ repo: 'prefix-dev/sigstore-example' }))).toEqual([]);
    expect(policyProblems(conda, policy({ repo: 'Prefix-Dev/Sigstore-Example' }))).toEqual([]);
    expect(policyProblems(conda, policy({ repo: 'https://github.com/prefix-dev/sigstore-example' }))).toEqual([]);
  });

  it('refuses another repository, including one whose name only starts the same', () => {
    expect(policyProblems(conda, policy({ repo: 'prefix-dev/sigstore' }))).toEqual([
      'signed by a workflow of https://github.com/prefix-dev/sigstore-example, not of https://github.com/prefix-dev/sigstore (--signer-repo)',
    ]);
    expect(policyProblems(conda, policy({ repo: 'acme/payments' }))).toHaveLength(1);
  });

  it('accepts the workflow file that signed, in the repository or as a reusable workflow path', () => {
    expect(policyProblems(conda, policy({ repo: 'prefix-dev/sigstore-example', workflow: '.github/workflows/action.yaml' }))).toEqual([]);
    expect(policyProblems(conda, policy({ workflow: 'prefix-dev/sigstore-example/.github/workflows/action.yaml' }))).toEqual([]);
  });

  it('takes a reusable workflow\'s caller as the signer repository, and matches the reusable workflow by its full path', () => {
    expect(reusable).toMatchObject({
      san: 'https://github.com/github/artifact-attestations-workflows/.github/workflows/attest.yml@09b495c3f12c7881b3cc17209a327792065c1a1d',
      repository: 'https://github.com/malancas/attest-demo',
    });
    const workflow = 'github/artifact-attestations-workflows/.github/workflows/attest.yml';
    expect(policyProblems(reusable, policy({ repo: 'malancas/attest-demo', workflow }))).toEqual([]);
    expect(policyProblems(reusable, policy({ repo: 'github/artifact-attestations-workflows' }))).toEqual([
      'signed by a workflow of https://github.com/malancas/attest-demo, not of https://github.com/github/artifact-attestations-workflows (--signer-repo)',
    ]);
    expect(policyProblems(reusable, policy({ repo: 'malancas/attest-demo', workflow: '.github/workflows/attest.yml' }))).toEqual([
      'signed by workflow https://github.com/github/artifact-attestations-workflows/.github/workflows/attest.yml, not https://github.com/malancas/attest-demo/.github/workflows/attest.yml (--signer-workflow)',
    ]);
  });

  it('refuses another workflow of the same repository', () => {
    expect(policyProblems(conda, policy({ repo: 'prefix-dev/sigstore-example', workflow: '.github/workflows/dr-drill.yml' }))).toEqual([
      'signed by workflow https://github.com/prefix-dev/sigstore-example/.github/workflows/action.yaml, not https://github.com/prefix-dev/sigstore-example/.github/workflows/dr-drill.yml (--signer-workflow)',
    ]);
  });

  it('refuses a certificate from another OIDC issuer', () => {
    expect(policyProblems(conda, policy({ repo: 'prefix-dev/sigstore-example', issuer: 'https://token.actions.acme.ghe.com' }))).toEqual([
      `the certificate's OIDC issuer is ${GITHUB_ACTIONS_ISSUER}, not https://token.actions.acme.ghe.com (--cert-oidc-issuer)`,
    ]);
  });

  it('refuses a person\'s e-mail identity when a workflow is asked for', () => {
    const person: SignerIdentity = { san: 'someone@example.com', issuer: 'https://github.com/login/oauth' };
    expect(policyProblems(person, policy({ repo: 'acme/payments', workflow: '.github/workflows/dr-drill.yml' }))).toEqual([
      `the certificate's OIDC issuer is https://github.com/login/oauth, not ${GITHUB_ACTIONS_ISSUER} (--cert-oidc-issuer)`,
      'the certificate names no source repository, and --signer-repo asks for https://github.com/acme/payments',
      "the certificate's subject someone@example.com is not a workflow, and --signer-workflow asks for .github/workflows/dr-drill.yml",
    ]);
  });
});
