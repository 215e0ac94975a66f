/**
 * The outside services the action calls, behind small interfaces so tests can stand in for what
 * cannot run here (Sigstore's Fulcio and Rekor, GitHub's attestation and artifact APIs). The
 * S3 store is not behind one: its tests use a real Ceph RGW with Object Lock.
 */
import { DefaultArtifactClient } from '@actions/artifact';
import { attest } from '@actions/attest';
import type { S3Client } from '@aws-sdk/client-s3';
import { evidenceS3Client } from '../../../core/evidence/s3-client.ts';
import type { InTotoSubject } from '../../../core/evidence/types.ts';
import type { S3Settings } from './inputs.ts';

export interface AttestRequest {
  subjects: InTotoSubject[];
  predicateType: string;
  predicate: object;
  token: string;
}

export interface AttestResponse {
  /** The Sigstore bundle (JSON), holding the DSSE envelope over the statement. */
  bundle: object;
  attestationID?: string;
}

export interface EvidenceServices {
  attest(request: AttestRequest): Promise<AttestResponse>;
  uploadArtifact(name: string, files: string[], rootDirectory: string, retentionDays: number): Promise<{ id?: number; size?: number }>;
  s3Client(settings: S3Settings): S3Client;
}

export function defaultServices(): EvidenceServices {
  return {
    async attest(request) {
      const attestation = await attest({ subjects: request.subjects, predicateType: request.predicateType, predicate: request.predicate, token: request.token });
      return { bundle: attestation.bundle, ...(attestation.attestationID ? { attestationID: attestation.attestationID } : {}) };
    },
    async uploadArtifact(name, files, rootDirectory, retentionDays) {
      return new DefaultArtifactClient().uploadArtifact(name, files, rootDirectory, { retentionDays });
    },
    s3Client: (settings) => evidenceS3Client({ ...(settings.endpoint ? { endpoint: settings.endpoint } : {}), ...(settings.region ? { region: settings.region } : {}) }),
  };
}
