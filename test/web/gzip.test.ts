// The gzip answers of kept pages: what a browser inflates must be exactly the page's bytes.
import { randomBytes } from 'node:crypto';
import { crc32, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressedPart, gzipOf } from '../../src/web/gzip.js';

const text = (n: number, seed = 'abc') =>
  Buffer.from(
    Array.from({ length: n }, (_, i) => `${seed}<td class="cell">é${i % 97}</td>\n`)
      .join('')
      .slice(0, n),
  );

describe('gzipOf', () => {
  const cases: [string, (Buffer | ReturnType<typeof compressedPart>)[]][] = [
    ['nothing', []],
    ['only plain bytes', [text(10), text(3000)]],
    ['only kept parts', [compressedPart(text(40_000)), compressedPart(text(7))]],
    [
      'a page: layout, kept fragment with holes, layout',
      [
        text(3500, 'head'),
        compressedPart(text(12_000)),
        Buffer.from('csrf-token'),
        compressedPart(text(20_000, 'x')),
        Buffer.from('after'),
      ],
    ],
    [
      'empty pieces among them',
      [Buffer.alloc(0), compressedPart(Buffer.alloc(0)), text(5), compressedPart(Buffer.alloc(0))],
    ],
    [
      'plain bytes longer than a stored block (65,535)',
      [randomBytes(150_000), compressedPart(randomBytes(70_000)), text(65_535)],
    ],
    [
      'multi-byte characters cut across pieces',
      [Buffer.from('é').subarray(0, 1), compressedPart(Buffer.from('é').subarray(1)), Buffer.from('€')],
    ],
  ];
  for (const [name, pieces] of cases) {
    it(`inflates to the pieces' bytes in order, with the right CRC and length: ${name}`, () => {
      const plain = Buffer.concat(pieces.map((p) => (Buffer.isBuffer(p) ? p : p.bytes)));
      const zipped = gzipOf(pieces);
      expect(gunzipSync(zipped).equals(plain)).toBe(true);
      expect(zipped.readUInt32LE(zipped.length - 8)).toBe(crc32(plain));
      expect(zipped.readUInt32LE(zipped.length - 4)).toBe(plain.length);
    });
  }

  it('is smaller than the plain page when most of it is kept', () => {
    const zipped = gzipOf([text(3500), compressedPart(text(40_000)), text(500)]);
    expect(zipped.length).toBeLessThan(3500 + 500 + 40_000 / 5);
  });
});
