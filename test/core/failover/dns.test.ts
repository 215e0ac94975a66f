/**
 * The DNS probe against a real (tiny) DNS server on loopback: the resolver is pointed at it, and a
 * failover record that flips from the primary's address to the secondary's shows as one change.
 */
import { askDns, resolverFor } from '../../../core/failover/dns.ts';
import { ProbeWatch } from '../../../core/failover/watch.ts';
import { systemClock } from '../../../core/failover/clock.ts';
import { type DnsResponder, startDnsResponder } from '../../support/dns-responder.ts';

let dns: DnsResponder;
beforeAll(async () => {
  dns = await startDnsResponder({ 'api.example.test': ['10.0.0.1'] });
});
afterAll(async () => {
  await dns.close();
});

const query = (name: string) => ({ name, type: 'A' as const, server: dns.server, timeoutMs: 1000 });

describe('DNS probe', () => {
  it('asks the configured server and sorts the answers', async () => {
    dns.records.set('multi.example.test', ['10.0.0.9', '10.0.0.2']);
    const q = query('multi.example.test');
    expect(await askDns(resolverFor(q), q)).toEqual({ ok: true, value: '10.0.0.2, 10.0.0.9' });
  });

  it('reports a name the server does not know as not ok, with the resolver code', async () => {
    const q = query('missing.example.test');
    expect(await askDns(resolverFor(q), q)).toEqual({ ok: false, value: 'ENOTFOUND' });
  });

  it('puts a change of answer on the timeline while it watches', async () => {
    const events: string[] = [];
    const watch = new ProbeWatch({ name: 'dns', intervalMs: 30, kind: 'dns', dns: query('api.example.test') }, systemClock, systemClock.now(), (name, before, now) =>
      events.push(`${name}: ${before ? `${before.value} → ` : ''}${now.value}`),
    );
    watch.start();
    await new Promise((r) => setTimeout(r, 150));
    dns.records.set('api.example.test', ['10.0.1.1']);
    await new Promise((r) => setTimeout(r, 150));
    const summary = await watch.stop();
    expect(events).toEqual(['dns: 10.0.0.1', 'dns: 10.0.0.1 → 10.0.1.1']);
    expect(summary).toMatchObject({ name: 'dns', kind: 'dns', failures: 0, changes: 1, lastValue: '10.0.1.1' });
    expect(summary.checks).toBeGreaterThanOrEqual(4);
  });
});
