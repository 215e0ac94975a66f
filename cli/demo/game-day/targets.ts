/**
 * The game day's local targets, started in the background while the first parts run: a PostgreSQL
 * primary with a streaming standby and the orders service writing to them, and Ceph RGW (S3 with
 * Object Lock) when its packages are installed. Each is registered with the teardown the moment it
 * exists, so nothing outlives the demo.
 */
import { OrderService } from '../support/order-service.ts';
import { missingCephPrograms, startCephRgw } from '../support/ceph-rgw.ts';
import { startPostgres } from '../support/postgres.ts';
import { startStandby } from '../support/postgres-standby.ts';
import type { Teardown } from '../support/teardown.ts';
import type { Database, S3Target } from './context.ts';

export async function startDatabase(teardown: Teardown): Promise<Database> {
  // Acknowledged means flushed on the primary: what the failover must not lose is then well defined.
  const primary = teardown.add('PostgreSQL primary', await startPostgres({ settings: { synchronous_commit: 'on' } }), (p) => p.stop());
  const standby = teardown.add('PostgreSQL standby', await startStandby(primary), (s) => s.stop());
  const orders = new OrderService({ urls: [primary.url, standby.url], intervalMs: 50, timeoutMs: 1000 });
  // The three stop side by side: the service's writes tolerate a database going away (they fail and are counted).
  teardown.add('orders service', orders, (o) => o.stop());
  await orders.start();
  return { primary, standby, orders };
}

export async function startS3(teardown: Teardown, path = process.env.PATH): Promise<S3Target> {
  const missing = missingCephPrograms(path);
  if (missing.length > 0) {
    return { skipped: `Ceph RGW is not installed (missing ${missing.join(', ')}): install ceph-mon ceph-osd radosgw ceph-common with scripts/setup.sh to see the Object Lock step` };
  }
  return { rgw: teardown.add('Ceph RGW', await startCephRgw(), (r) => r.stop()) };
}
