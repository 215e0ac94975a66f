/**
 * HTTP heartbeats: each beat is a JSON body `{id, seq, written_at}` sent to the service the way a
 * client would; a 2xx answer is the acknowledgement. The service stores the id, and after the drill
 * `readback.url` (with `{id}` replaced) tells whether each acknowledged one survived: 2xx yes,
 * 404/410 no; anything else is an error, never counted as either.
 */
import { randomUUID } from 'node:crypto';
import { sendHttp } from '../../probes/request.ts';
import type { HttpWriterConfig } from '../types.ts';
import type { HeartbeatWriter, ReadBack, WriteAck } from './types.ts';
import { safeUrl } from './types.ts';

const READBACK_CONCURRENCY = 8;

export class HttpHeartbeatWriter implements HeartbeatWriter {
  readonly kind = 'http' as const;
  readonly runId = randomUUID();

  private readonly config: HttpWriterConfig;
  private readonly timeoutMs: number;

  constructor(config: HttpWriterConfig, timeoutMs: number) {
    this.config = config;
    this.timeoutMs = timeoutMs;
  }

  idOf(seq: number): string {
    return `${this.runId}-${seq}`;
  }

  async write(seq: number, writtenAt: Date, signal: AbortSignal): Promise<WriteAck> {
    const answer = await sendHttp({
      url: this.config.url,
      method: this.config.method,
      headers: { 'content-type': 'application/json', ...this.config.headers },
      body: JSON.stringify({ id: this.idOf(seq), seq, written_at: writtenAt.toISOString() }),
      timeoutMs: this.timeoutMs,
      signal,
    });
    if (answer.status < 200 || answer.status > 299) throw new Error(`HTTP ${answer.status}`);
    return { target: safeUrl(this.config.url) };
  }

  async readBack(seqs: number[], signal: AbortSignal): Promise<ReadBack> {
    const survived = new Set<number>();
    const queue = [...seqs];
    const worker = async () => {
      for (let seq = queue.shift(); seq !== undefined; seq = queue.shift()) {
        const url = this.config.readbackUrl.replaceAll('{id}', encodeURIComponent(this.idOf(seq)));
        const answer = await sendHttp({ url, method: 'GET', headers: this.config.headers, timeoutMs: this.timeoutMs, signal });
        if (answer.status >= 200 && answer.status <= 299) survived.add(seq);
        else if (answer.status !== 404 && answer.status !== 410) throw new Error(`readback of heartbeat ${seq}: HTTP ${answer.status} (expected 2xx, or 404/410 for a lost one)`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READBACK_CONCURRENCY, seqs.length) }, worker));
    const placeholder = 'faultline-heartbeat-id';
    return { target: safeUrl(this.config.readbackUrl.replaceAll('{id}', placeholder)).replaceAll(placeholder, '{id}'), survived };
  }

  async close(): Promise<void> {}
}
