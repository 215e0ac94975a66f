/** What `evidence verify` prints: the verdict first, then each problem with the file it concerns. */
import { describeIdentity } from './sigstore/identity.ts';
import type { VerifyReport } from './verify.ts';

/** True when the identity is the certificate's of a signature that checked out, not merely claimed. */
export const identityProven = (signature: VerifyReport['signature']) => ['verified', 'signer-unchecked', 'untrusted-signer'].includes(signature.status);

export function describeSignature(signature: VerifyReport['signature']): string {
  const by = !signature.identity ? '' : identityProven(signature) ? ` by ${describeIdentity(signature.identity)}` : `, its certificate claims ${describeIdentity(signature.identity)}`;
  switch (signature.status) {
    case 'verified':
      return signature.kind === 'sigstore' ? `Sigstore signature verified${by} (trusted root: ${signature.trustedRoot})` : `signature verified (${signature.kind}, key ${signature.keyId})`;
    case 'absent':
      return 'unsigned';
    case 'signer-unchecked':
      return `Sigstore signature valid${by}, signer NOT checked (give --signer-repo)`;
    case 'untrusted-signer':
      return `Sigstore signature valid${by}, signer not accepted`;
    default:
      return `signature ${signature.status} (${signature.kind})${by}`;
  }
}

export function renderVerifyText(report: VerifyReport): string {
  const lines: string[] = [];
  const signature = describeSignature(report.signature);
  // A valid signature whose signer nobody checked proves the bundle intact, not who made it.
  const verdict = report.signature.status === 'signer-unchecked' ? 'intact, signer not checked' : 'verified';
  if (report.verified) lines.push(`✓ ${verdict} ${report.location}: ${report.files} file(s), ${report.bytes} bytes, ${signature}`);
  else lines.push(`✗ NOT verified ${report.location}: ${report.problems.length} problem(s), ${signature}`);
  const id = report.signature.identity;
  if (id && (id.repository || id.ref || id.commit)) lines.push(`  ${identityProven(report.signature) ? 'signer' : 'claimed signer'}: repository ${id.repository ?? '?'}, ref ${id.ref ?? '?'}, commit ${id.commit ?? '?'}${id.trigger ? `, event ${id.trigger}` : ''}`);
  for (const p of report.problems) lines.push(`  ✗ ${p.path}: ${p.problem}`);
  for (const note of report.notes) lines.push(`  note: ${note}`);
  return `${lines.join('\n')}\n`;
}
