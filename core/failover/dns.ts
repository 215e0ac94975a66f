/**
 * DNS probe for drills: asks one resolver (node:dns Resolver, optionally pointed at a given
 * server) and reports the answer as a sorted list, so a Route 53 failover record flipping from
 * the primary's address to the secondary's shows as one change on the timeline.
 */
import { Resolver } from 'node:dns/promises';
import type { DnsQuery } from './types.ts';

export interface DnsAnswer {
  ok: boolean;
  /** Sorted answers joined by ", ", or the resolver's error code. */
  value: string;
}

export function resolverFor(query: DnsQuery): Resolver {
  const resolver = new Resolver({ timeout: query.timeoutMs, tries: 1 });
  if (query.server) resolver.setServers([query.server]);
  return resolver;
}

export async function askDns(resolver: Resolver, query: DnsQuery): Promise<DnsAnswer> {
  try {
    let answers: string[];
    switch (query.type) {
      case 'AAAA':
        answers = await resolver.resolve6(query.name);
        break;
      case 'CNAME':
        answers = await resolver.resolveCname(query.name);
        break;
      case 'TXT':
        answers = (await resolver.resolveTxt(query.name)).map((parts) => parts.join(''));
        break;
      default:
        answers = await resolver.resolve4(query.name);
    }
    return { ok: answers.length > 0, value: [...answers].sort().join(', ') };
  } catch (error) {
    return { ok: false, value: (error as { code?: string }).code ?? (error as Error).message };
  }
}
