/** Signing outside GitHub Actions: a DSSE envelope over the statement, with an ed25519 key file. */
import { readPrivateKey, keyIdOf, signEnvelope } from './dsse.ts';
import type { EvidenceSigner } from './pack.ts';
import { toJsonBytes } from './pack.ts';
import { DSSE_FILE } from './types.ts';

export function keyFileSigner(privateKeyPath: string): EvidenceSigner {
  const key = readPrivateKey(privateKeyPath);
  return {
    kind: 'ed25519',
    async sign(statementBytes) {
      return { file: DSSE_FILE, contents: toJsonBytes(signEnvelope(statementBytes, key)), keyId: keyIdOf(key) };
    },
  };
}
