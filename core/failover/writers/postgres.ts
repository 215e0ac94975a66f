/**
 * PostgreSQL heartbeats: one INSERT per beat into a table (created if missing) holding the run's
 * id, the sequence number and the client's wall time of writing; the drill keeps when each was
 * acknowledged. URLs are tried in order until one accepts the write — a standby refuses it as a
 * read-only transaction, so the writer follows the primary through a failover.
 *
 * Each acknowledged write also returns the server's WAL position and timeline, so that after a
 * promotion the bytes of WAL the new primary never received can be read off its timeline history
 * (pg_wal_lsn_diff between the old primary's last position seen and the switch point).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { PostgresWriterConfig } from '../types.ts';
import { abortable, type DataLossBytes, type HeartbeatWriter, type ReadBack, safeUrl, type WriteAck } from './types.ts';

interface Position {
  lsn: string;
  timeline: number;
}

export class PostgresHeartbeatWriter implements HeartbeatWriter {
  readonly kind = 'postgres' as const;
  readonly runId = randomUUID();
  private client?: pg.Client;
  private clientUrl?: string;
  private readonly prepared = new Set<string>();
  private readonly table: string;
  /** The last position each target acknowledged, and the target of the newest write. */
  private readonly positions = new Map<string, Position>();
  private lastTarget?: string;
  private previousTarget?: string;

  private readonly config: PostgresWriterConfig;
  private readonly timeoutMs: number;

  constructor(config: PostgresWriterConfig, timeoutMs: number) {
    this.config = config;
    this.timeoutMs = timeoutMs;
    this.table = config.table
      .split('.')
      .map((part) => `"${part}"`)
      .join('.');
  }

  async write(seq: number, writtenAt: Date, signal: AbortSignal): Promise<WriteAck> {
    const errors: string[] = [];
    const order = this.clientUrl ? [this.clientUrl, ...this.config.urls.filter((u) => u !== this.clientUrl)] : this.config.urls;
    for (const url of order) {
      if (signal.aborted) break;
      try {
        const client = await this.connect(url, signal);
        const result = await abortable(
          client.query<{ lsn: string; wal: string }>(
            `INSERT INTO ${this.table} (run_id, seq, written_at) VALUES ($1, $2, $3) RETURNING pg_current_wal_lsn()::text AS lsn, pg_walfile_name(pg_current_wal_lsn()) AS wal`,
            [this.runId, seq, writtenAt.toISOString()],
          ),
          signal,
          () => this.drop(),
        );
        const row = result.rows[0]!;
        const target = safeUrl(url);
        this.positions.set(target, { lsn: row.lsn, timeline: Number.parseInt(row.wal.slice(0, 8), 16) });
        if (this.lastTarget !== target) {
          this.previousTarget = this.lastTarget;
          this.lastTarget = target;
        }
        return { target };
      } catch (error) {
        errors.push(`${safeUrl(url)}: ${(error as Error).message}`);
        this.drop();
      }
    }
    throw new Error(errors.join('; ') || 'aborted');
  }

  private async connect(url: string, signal: AbortSignal): Promise<pg.Client> {
    if (this.client && this.clientUrl === url) return this.client;
    this.drop();
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: this.timeoutMs, query_timeout: this.timeoutMs, application_name: 'faultline-failover' });
    client.on('error', () => this.drop());
    this.client = client;
    this.clientUrl = url;
    await abortable(client.connect(), signal, () => this.drop());
    if (!this.prepared.has(url)) {
      // On a standby this fails read-only: the caller moves on to the next URL.
      await abortable(
        client.query(`CREATE TABLE IF NOT EXISTS ${this.table} (run_id text NOT NULL, seq bigint NOT NULL, written_at timestamptz NOT NULL, PRIMARY KEY (run_id, seq))`),
        signal,
        () => this.drop(),
      );
      this.prepared.add(url);
    }
    return client;
  }

  private drop(): void {
    const client = this.client;
    this.client = undefined;
    this.clientUrl = undefined;
    client?.end().catch(() => undefined);
  }

  async readBack(seqs: number[], signal: AbortSignal): Promise<ReadBack> {
    const url = this.clientUrl ?? this.config.urls.find((u) => safeUrl(u) === this.lastTarget) ?? this.config.urls[0]!;
    const client = await this.connect(url, signal);
    const result = await abortable(client.query<{ seq: string }>(`SELECT seq FROM ${this.table} WHERE run_id = $1`, [this.runId]), signal, () => this.drop());
    const wanted = new Set(seqs);
    return { target: safeUrl(url), survived: new Set(result.rows.map((r) => Number(r.seq)).filter((s) => wanted.has(s))) };
  }

  /**
   * The old primary's last acknowledged position against the point where the new primary's
   * timeline branched off it. Null, with the reason, whenever either is unknown.
   */
  async dataLossBytes(signal: AbortSignal): Promise<DataLossBytes> {
    const current = this.lastTarget ? this.positions.get(this.lastTarget) : undefined;
    const before = this.previousTarget ? this.positions.get(this.previousTarget) : undefined;
    if (!current || !before) return { bytes: null, reason: 'the writes never moved to another server' };
    if (current.timeline === before.timeline) return { bytes: null, reason: `both servers are on timeline ${current.timeline}: no promotion seen` };
    if (!this.client) return { bytes: null, reason: 'no connection to the new primary' };
    try {
      const history = await abortable(
        this.client.query<{ text: string }>('SELECT pg_read_file($1) AS text', [`pg_wal/${current.timeline.toString(16).toUpperCase().padStart(8, '0')}.history`]),
        signal,
      );
      const branch = parseTimelineHistory(history.rows[0]?.text ?? '').find((entry) => entry.parent === before.timeline);
      if (!branch) return { bytes: null, reason: `timeline ${current.timeline}'s history does not name timeline ${before.timeline}` };
      const diff = await abortable(this.client.query<{ bytes: string }>('SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::text AS bytes', [before.lsn, branch.switchpoint]), signal);
      return { bytes: Math.max(0, Number(diff.rows[0]!.bytes)) };
    } catch (error) {
      return { bytes: null, reason: `cannot read the timeline history (needs superuser or pg_read_server_files): ${(error as Error).message}` };
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.clientUrl = undefined;
    await client?.end().catch(() => undefined);
  }
}

/** Lines of a `.history` file: `parentTLI<TAB>switchpoint<TAB>reason`. */
export function parseTimelineHistory(text: string): { parent: number; switchpoint: string }[] {
  return text
    .split('\n')
    .map((line) => /^\s*(\d+)\s+([0-9A-Fa-f]+\/[0-9A-Fa-f]+)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ parent: Number(m[1]), switchpoint: m[2]! }));
}
