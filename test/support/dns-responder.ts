/**
 * A tiny authoritative DNS responder on 127.0.0.1 (UDP) for drill tests: answers A queries from a
 * table the test changes while it runs (a Route 53 failover record flipping), NXDOMAIN otherwise.
 * Written by hand (RFC 1035 §4: header, one question, A answers with a name pointer); TTL 0.
 */
import { createSocket } from 'node:dgram';

export interface DnsResponder {
  /** host:port to give a resolver. */
  server: string;
  /** name (lower case, no trailing dot) → IPv4 addresses. */
  records: Map<string, string[]>;
  close(): Promise<void>;
}

function readName(message: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let at = offset;
  while (message[at]! > 0) {
    const length = message[at]!;
    labels.push(message.subarray(at + 1, at + 1 + length).toString('ascii'));
    at += 1 + length;
  }
  return { name: labels.join('.').toLowerCase(), end: at + 1 };
}

function answer(query: Buffer, records: Map<string, string[]>): Buffer {
  const { name, end } = readName(query, 12);
  const type = query.readUInt16BE(end);
  const question = query.subarray(12, end + 4);
  const addresses = type === 1 ? records.get(name) : undefined;
  const known = records.has(name);
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  // QR, AA, RD copied; RCODE 3 (NXDOMAIN) for names we do not serve.
  header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | (known ? 0 : 3), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(addresses?.length ?? 0, 6);
  const answers = (addresses ?? []).map((ip) => {
    const rr = Buffer.alloc(16);
    rr.writeUInt16BE(0xc00c, 0);
    rr.writeUInt16BE(1, 2);
    rr.writeUInt16BE(1, 4);
    rr.writeUInt32BE(0, 6);
    rr.writeUInt16BE(4, 10);
    for (const [i, octet] of ip.split('.').entries()) rr.writeUInt8(Number(octet), 12 + i);
    return rr;
  });
  return Buffer.concat([header, question, ...answers]);
}

export async function startDnsResponder(records: Record<string, string[]> = {}): Promise<DnsResponder> {
  const table = new Map(Object.entries(records));
  const socket = createSocket('udp4');
  socket.on('message', (message, remote) => {
    try {
      socket.send(answer(message, table), remote.port, remote.address);
    } catch {
      // a malformed query gets no answer, as from a real server
    }
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    server: `127.0.0.1:${socket.address().port}`,
    records: table,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
