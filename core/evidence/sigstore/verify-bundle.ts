/**
 * Offline verification of a Sigstore bundle (what @actions/attest writes) with @sigstore/verify:
 * the signing certificate chains to a Fulcio CA of a trusted root that was valid when it signed,
 * that time is proven by a transparency-log entry (Rekor inclusion promise or proof, against the
 * root's log keys) or, for roots without a log (GitHub's instance), an RFC 3161 timestamp from the
 * root's timestamp authority, the certificate carries an SCT when the root has CT logs, and the
 * DSSE signature is valid over the envelope. Whose signature it is, is the caller's policy
 * (identity.ts); what it signs, the caller's statement check.
 */
import { X509Certificate as NodeCertificate } from 'node:crypto';
import { type Bundle, bundleFromJSON } from '@sigstore/bundle';
import { X509Certificate } from '@sigstore/core';
import { toSignedEntity, toTrustMaterial, Verifier, type VerifierOptions } from '@sigstore/verify';
import { type SignerIdentity, signerIdentity } from './identity.ts';
import { type NamedTrustedRoot, rootIssued } from './trusted-roots.ts';

export type SigstoreVerification =
  | { ok: true; identity: SignerIdentity; trustedRoot: string; envelope: { payloadType: string; payload: Buffer } }
  | { ok: false; reason: string; identity?: SignerIdentity };

function leafCertificate(bundle: Bundle): Buffer | undefined {
  const material = bundle.verificationMaterial.content;
  if (material.$case === 'certificate') return material.certificate.rawBytes;
  if (material.$case === 'x509CertificateChain') return material.x509CertificateChain.certificates[0]?.rawBytes;
  return undefined;
}

/** As sigstore-js and `gh attestation verify` do: a log entry where the root has logs, else a TSA timestamp. */
function thresholds(root: NamedTrustedRoot): VerifierOptions {
  const hasLogs = root.root.tlogs.length > 0;
  return { tlogThreshold: hasLogs ? 1 : 0, tsaThreshold: hasLogs ? 0 : 1, ctlogThreshold: root.root.ctlogs.length > 0 ? 1 : 0 };
}

const reasonOf = (error: unknown) => {
  const e = error as { code?: string; message?: string };
  return e.code ? `${e.message} (${e.code})` : String(e.message ?? error);
};

export function verifySigstoreBundle(document: unknown, roots: NamedTrustedRoot[]): SigstoreVerification {
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(document);
  } catch (error) {
    return { ok: false, reason: `is not a Sigstore bundle: ${reasonOf(error)}` };
  }
  if (bundle.content.$case !== 'dsseEnvelope') return { ok: false, reason: 'holds a message signature, not a DSSE envelope over the statement' };
  const leafBytes = leafCertificate(bundle);
  if (!leafBytes) return { ok: false, reason: 'is signed with a bare public key, not a Fulcio certificate carrying the signer\'s identity' };
  let leaf: X509Certificate;
  try {
    leaf = X509Certificate.parse(leafBytes);
  } catch (error) {
    return { ok: false, reason: `holds a signing certificate that cannot be parsed: ${reasonOf(error)}` };
  }
  const identity = signerIdentity(leaf);
  const candidates = roots.filter((root) => rootIssued(root, leaf.issuer));
  if (candidates.length === 0) {
    const issuer = new NodeCertificate(leafBytes).issuer.replace(/\n/g, ', ');
    return { ok: false, identity, reason: `its certificate was issued by "${issuer}", which is no CA of the trusted roots (${roots.map((r) => r.name).join('; ')})` };
  }
  const failures: string[] = [];
  for (const root of candidates) {
    try {
      new Verifier(toTrustMaterial(root.root), thresholds(root)).verify(toSignedEntity(bundle));
      const envelope = bundle.content.dsseEnvelope;
      return { ok: true, identity, trustedRoot: root.name, envelope: { payloadType: envelope.payloadType, payload: envelope.payload } };
    } catch (error) {
      failures.push(`${root.name}: ${reasonOf(error)}`);
    }
  }
  return { ok: false, identity, reason: `Sigstore signature does not verify: ${failures.join('; ')}` };
}
