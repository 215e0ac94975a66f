/**
 * The game day's "shop": a small service that writes an order every `intervalMs` to whichever of
 * its databases accepts writes (the primary, then — once it is promoted — the standby), as an
 * application with a list of hosts and `target_session_attrs=read-write` would. It counts what
 * was acknowledged, so the demo can check every acknowledged order on the side that survived.
 */
import pg from 'pg';

export interface OrderServiceStats {
  acknowledged: number;
  failed: number;
  /** Host:port of the database that took the last acknowledged order. */
  writingTo: string | null;
  switches: number;
}

export interface OrderServiceOptions {
  /** Databases in order of preference; passwords are never printed. */
  urls: string[];
  intervalMs?: number;
  /** Per-write deadline, so a dead primary costs one timeout, not a hung service. */
  timeoutMs?: number;
}

const CREATE = `CREATE TABLE IF NOT EXISTS orders (
  id bigint PRIMARY KEY,
  customer text NOT NULL,
  total_cents integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)`;

function hostOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port}`;
}

export class OrderService {
  readonly #urls: string[];
  readonly #intervalMs: number;
  readonly #timeoutMs: number;
  readonly #acknowledgedIds: number[] = [];
  #client: pg.Client | undefined;
  #clientUrl: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();
  #nextId = 1;
  #stopped = false;
  readonly stats: OrderServiceStats = { acknowledged: 0, failed: 0, writingTo: null, switches: 0 };

  constructor(options: OrderServiceOptions) {
    this.#urls = options.urls;
    this.#intervalMs = options.intervalMs ?? 50;
    this.#timeoutMs = options.timeoutMs ?? 1000;
  }

  /** Creates the orders table on the first database and starts writing. */
  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#urls[0], connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(CREATE);
    } finally {
      await client.end();
    }
    const tick = () => {
      if (this.#stopped) return;
      this.#running = this.#writeOne().finally(() => {
        if (!this.#stopped) this.#timer = setTimeout(tick, this.#intervalMs);
      });
    };
    tick();
  }

  /** The ids of every acknowledged order, to look for on the surviving database. */
  get acknowledgedIds(): readonly number[] {
    return this.#acknowledgedIds;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    await this.#drop();
  }

  async #writeOne(): Promise<void> {
    const id = this.#nextId++;
    for (const url of this.#urls) {
      try {
        const client = await this.#connect(url);
        await client.query({ text: 'INSERT INTO orders (id, customer, total_cents) VALUES ($1, $2, $3)', values: [id, `customer-${id % 97}`, 500 + ((id * 37) % 9500)], query_timeout: this.#timeoutMs } as pg.QueryConfig);
        this.stats.acknowledged++;
        this.#acknowledgedIds.push(id);
        const host = hostOf(url);
        if (this.stats.writingTo !== null && this.stats.writingTo !== host) this.stats.switches++;
        this.stats.writingTo = host;
        return;
      } catch {
        // A read-only standby, a refused connection or a timeout: drop the connection, try the next.
        await this.#drop();
      }
    }
    this.stats.failed++;
  }

  async #connect(url: string): Promise<pg.Client> {
    if (this.#client && this.#clientUrl === url) return this.#client;
    await this.#drop();
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: this.#timeoutMs });
    client.on('error', () => {});
    await client.connect();
    this.#client = client;
    this.#clientUrl = url;
    return client;
  }

  async #drop(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#clientUrl = undefined;
    await client?.end().catch(() => {});
  }
}

/** How many of `ids` are in the orders table at `url` (the database that survived the failover). */
export async function ordersFound(url: string, ids: readonly number[]): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM orders WHERE id = ANY($1::bigint[])', [ids]);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}
