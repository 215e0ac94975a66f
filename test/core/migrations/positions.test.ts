import { byteToCharMapper } from '../../../core/migrations/positions.ts';

/** The character offset of every UTF-8 byte offset that starts a character, computed the slow, obvious way. */
function reference(text: string): Map<number, number> {
  const offsets = new Map<number, number>();
  let bytes = 0;
  for (let chars = 0; chars < text.length; ) {
    offsets.set(bytes, chars);
    const point = text.codePointAt(chars)!;
    bytes += Buffer.byteLength(String.fromCodePoint(point));
    chars += point > 0xffff ? 2 : 1;
  }
  offsets.set(bytes, text.length);
  return offsets;
}

describe('byteToCharMapper', () => {
  // Non-ASCII throughout (accents, CJK, emoji), long enough for many resume marks.
  const text = Array.from({ length: 3_000 }, (_, i) => `INSERT INTO t VALUES (${i}, 'café ${i} 東京 🚀');\n`).join('');
  const expected = reference(text);
  const offsets = [...expected.keys()];

  it('maps every byte offset to its character offset, in increasing order', () => {
    const toChar = byteToCharMapper(text);
    expect(offsets.map(toChar)).toEqual(offsets.map((offset) => expected.get(offset)));
  });

  it('maps offsets asked for out of order, as rules ask for nodes inside a statement', () => {
    const toChar = byteToCharMapper(text);
    // A deterministic shuffle: forward, back a little, back a lot, forward again.
    const order = Array.from({ length: 3_000 }, (_, i) => offsets[(i * 7_919) % offsets.length]!);
    expect(order.map(toChar)).toEqual(order.map((offset) => expected.get(offset)));
  });

  it('maps ASCII text one to one', () => {
    const toChar = byteToCharMapper('SELECT 1;\nSELECT 2;');
    expect([0, 7, 10, 19].map(toChar)).toEqual([0, 7, 10, 19]);
  });
});
