/**
 * A pass-through stream that refuses data containing a secret value. It holds back the last
 * (longest secret − 1) bytes until more arrive, so no byte of a secret ever reaches the bundle,
 * even one split across two chunks: a file holding a secret is refused whole, never altered.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { FaultlineError } from '../errors.ts';

/** Secrets shorter than this would refuse nearly every file (GitHub masks such values too, noisily). */
export const MIN_SECRET_LENGTH = 4;

export function usableSecrets(secrets: readonly string[]): Buffer[] {
  const unique = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))];
  return unique.map((s) => Buffer.from(s, 'utf8'));
}

export function containsSecret(text: string | Buffer, secrets: readonly Buffer[]): number {
  const buffer = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return secrets.findIndex((secret) => buffer.includes(secret));
}

export class SecretGuard extends Transform {
  private held = Buffer.alloc(0);
  private readonly keep: number;
  private readonly secrets: readonly Buffer[];
  private readonly what: string;

  constructor(secrets: readonly Buffer[], what: string) {
    super();
    this.secrets = secrets;
    this.what = what;
    this.keep = Math.max(0, ...secrets.map((s) => s.length - 1));
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.secrets.length === 0) {
      done(null, chunk);
      return;
    }
    const window = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
    if (containsSecret(window, this.secrets) >= 0) {
      done(this.refusal());
      return;
    }
    const release = Math.max(0, window.length - this.keep);
    // Copy the tail: holding a slice would pin the whole (possibly large) chunk in memory.
    this.held = Buffer.from(window.subarray(release));
    done(null, release > 0 ? window.subarray(0, release) : undefined);
  }

  override _flush(done: TransformCallback): void {
    done(null, this.held.length > 0 ? this.held : undefined);
  }

  private refusal(): FaultlineError {
    return new FaultlineError(`${this.what} contains the value of a secret; refusing to pack it (the bundle would publish the secret)`, {
      hint: 'remove the secret from the file (or stop the step from printing it) and pack again; the file was not altered',
    });
  }
}
