/**
 * DSSE envelopes (https://github.com/secure-systems-lab/dsse, the format in-toto attestations and
 * Sigstore bundles use) signed with an ed25519 key file, for signing outside GitHub Actions.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { FaultlineError } from '../errors.ts';
import { sha256 } from './hash.ts';
import { DSSE_PAYLOAD_TYPE } from './types.ts';

export interface DsseEnvelope {
  payloadType: string;
  payload: string;
  signatures: { keyid: string; sig: string }[];
}

/** Pre-authentication encoding: what is actually signed, so the payload type cannot be swapped. */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

/** SHA-256 of the public key's SPKI DER, hex: names the key in envelopes and manifests. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return sha256(publicKey.export({ type: 'spki', format: 'der' }));
}

function readKey(path: string, kind: 'private' | 'public'): KeyObject {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FaultlineError(`cannot read the ${kind} key ${path}: ${(error as Error).message}`, { hint: "create a key pair with 'faultline evidence keygen'" });
  }
  let key: KeyObject;
  try {
    key = kind === 'private' ? createPrivateKey(text) : createPublicKey(text);
  } catch {
    throw new FaultlineError(`${path} is not a PEM ${kind} key`, { hint: "use the files 'faultline evidence keygen' writes (PKCS#8 private, SPKI public)" });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new FaultlineError(`${path} is a ${key.asymmetricKeyType} key; evidence is signed with ed25519 only`, { hint: "create one with 'faultline evidence keygen'" });
  return key;
}

export const readPrivateKey = (path: string) => readKey(path, 'private');
export const readPublicKey = (path: string) => readKey(path, 'public');

export function generateKeyPair(): { privateKeyPem: string; publicKeyPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

export function signEnvelope(payload: Buffer, privateKey: KeyObject): DsseEnvelope {
  const sig = sign(null, pae(DSSE_PAYLOAD_TYPE, payload), privateKey);
  return { payloadType: DSSE_PAYLOAD_TYPE, payload: payload.toString('base64'), signatures: [{ keyid: keyIdOf(privateKey), sig: sig.toString('base64') }] };
}

/** True when one of the envelope's signatures is by `publicKey` and valid over its payload. */
export function envelopeSignedBy(envelope: DsseEnvelope, publicKey: KeyObject): boolean {
  const message = pae(envelope.payloadType, Buffer.from(envelope.payload, 'base64'));
  return envelope.signatures.some((s) => {
    try {
      return verify(null, message, publicKey, Buffer.from(s.sig, 'base64'));
    } catch {
      return false;
    }
  });
}

export function isEnvelope(value: unknown): value is DsseEnvelope {
  const v = value as DsseEnvelope;
  return typeof v === 'object' && v !== null && typeof v.payloadType === 'string' && typeof v.payload === 'string' && Array.isArray(v.signatures);
}
