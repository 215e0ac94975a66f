/**
 * What the webhook endpoint refuses before a handler runs. The endpoint is public, so everything
 * an unauthenticated sender controls is bounded: a delivery without a signature is refused before
 * its body is read, a body is never buffered past GitHub's 25 MB limit, only so many bodies are
 * read at once, and nothing from an unsigned request becomes a metric label. A signed delivery
 * seen before (same `x-github-delivery`) is answered and not handled again, so a replay creates
 * nothing.
 */
import type { IncomingMessage } from 'node:http';

/** GitHub caps webhook payloads at 25 MB. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;
/** Bodies read at the same time; past this a delivery gets 503 (at most this × 25 MB buffered). */
export const MAX_CONCURRENT_BODY_READS = 16;
/** Delivery ids remembered; GitHub redelivers within hours, and 10,000 ids take about 1 MB. */
export const REMEMBERED_DELIVERIES = 10_000;

export class BodyTooLarge extends Error {}

/** `sha256=` and 64 hex digits: anything else cannot verify, so the body is not worth reading. */
export function looksSigned(header: string | string[] | undefined): header is string {
  return typeof header === 'string' && /^sha256=[0-9a-f]{64}$/i.test(header);
}

/** True when the declared length alone is over the limit. */
export function declaredTooLarge(request: IncomingMessage, max = MAX_BODY_BYTES): boolean {
  const length = Number(request.headers['content-length']);
  return Number.isFinite(length) && length > max;
}

/** Reads the body, refusing (and dropping the connection) once it passes `max` bytes. */
export function readBody(request: IncomingMessage, max = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        chunks.length = 0;
        request.pause();
        reject(new BodyTooLarge('payload too large'));
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Counts body reads in progress; `tryEnter` says no once the cap is reached. */
export class ReadSlots {
  #inUse = 0;
  readonly max: number;
  constructor(max = MAX_CONCURRENT_BODY_READS) {
    this.max = max;
  }
  tryEnter(): boolean {
    if (this.#inUse >= this.max) return false;
    this.#inUse++;
    return true;
  }
  leave(): void {
    this.#inUse--;
  }
}

/**
 * Delivery ids seen, oldest forgotten first (a Map keeps insertion order). A delivery whose
 * handling failed is forgotten again so that GitHub's "Redeliver" can retry it.
 */
export class DeliveryLog {
  readonly #seen = new Map<string, true>();
  readonly max: number;
  constructor(max = REMEMBERED_DELIVERIES) {
    this.max = max;
  }

  /** Records the id; false when it was already there (a replay). */
  firstTime(id: string): boolean {
    if (this.#seen.has(id)) return false;
    this.#seen.set(id, true);
    if (this.#seen.size > this.max) this.#seen.delete(this.#seen.keys().next().value!);
    return true;
  }

  forget(id: string): void {
    this.#seen.delete(id);
  }

  get size(): number {
    return this.#seen.size;
  }
}
