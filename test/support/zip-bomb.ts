/**
 * Zip archives as an attacker writes them, byte by byte: many entries sharing one small deflated
 * body that inflates to megabytes, with sizes in the headers that may be true or lies. Building
 * them this way costs one deflate, not gigabytes of input.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface BombEntry {
  name: string;
  /** The deflated bytes (shared between entries). */
  data: Buffer;
  crc: number;
  /** The size written in the headers (the real one unless the test lies). */
  declaredSize: number;
}

/** One deflated body of `bytes` zeros (5 MB deflates to about 5 KB), and its CRC. */
export function zeros(bytes: number): { data: Buffer; crc: number; size: number } {
  const plain = Buffer.alloc(bytes);
  return { data: deflateRawSync(plain, { level: 9 }), crc: crc32(plain), size: bytes };
}

export function zipOfEntries(entries: readonly BombEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(entry.crc >>> 0, 16);
    header.writeUInt32LE(entry.data.length, 20);
    header.writeUInt32LE(entry.declaredSize, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, entry.data);
    central.push(header, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** The example: `count` entries of `entryBytes` zeros each, headers telling the truth. */
export function zipBomb(count = 400, entryBytes = 5 * 1024 * 1024, extension = '.json'): Buffer {
  const body = zeros(entryBytes);
  return zipOfEntries(Array.from({ length: count }, (_, i) => ({ name: `bomb-${i}${extension}`, data: body.data, crc: body.crc, declaredSize: body.size })));
}
