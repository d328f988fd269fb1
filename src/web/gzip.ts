// gzip for answers built from kept parts. A day view is a few kilobytes written for each
// answer (the layout, the session's CSRF token, fresh idempotency keys) around tens of
// kilobytes kept between writes. Compressing the whole answer each time costs more than
// sending it plain; instead each kept part is compressed once, and an answer is the gzip
// member (RFC 1952) made of those compressed runs with the per-answer bytes between them as
// stored deflate blocks (RFC 1951 §3.2.4), its CRC-32 combined from the parts' own.
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** Whether Accept-Encoding allows gzip (`gzip`, `x-gzip` or `*`, without q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  let gzip: boolean | null = null;
  let any: boolean | null = null;
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (coding === 'gzip' || coding === 'x-gzip') gzip = allowed;
    else if (coding === '*') any = allowed;
  }
  return gzip ?? any ?? false;
}

/** Bytes compressed once, to be sent many times inside different answers. */
export interface CompressedPart {
  bytes: Buffer;
  /** Raw deflate ending on a byte boundary and not final (a sync flush), so more may follow. */
  deflated: Buffer;
  crc: number;
  /** x^(8·length) modulo the CRC polynomial: what a CRC before this part is multiplied by. */
  shift: number;
}

const POLY = 0xedb88320;

/** a·b modulo the CRC-32 polynomial, in its reflected representation (zlib's multmodp). */
function multiply(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) for k = 0..31 (zlib's x2n_table). */
const X2N: number[] = [0x40000000];
for (let k = 1; k < 32; k += 1) X2N.push(multiply(X2N[k - 1]!, X2N[k - 1]!));

/** x^(8·n) modulo the polynomial (zlib's x2nmodp(n, 3)). */
function shiftOf(n: number): number {
  let p = 0x80000000;
  for (let k = 3; n > 0; n = Math.floor(n / 2), k += 1) if (n % 2) p = multiply(X2N[k & 31]!, p);
  return p;
}

export function compressedPart(bytes: Buffer): CompressedPart {
  return {
    bytes,
    deflated: deflateRawSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }),
    crc: crc32(bytes),
    shift: shiftOf(bytes.length),
  };
}

const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty stored block marked final: the end of the deflate stream. */
const END = Buffer.from([1, 0, 0, 0xff, 0xff]);
const STORED_MAX = 0xffff;

function stored(bytes: Buffer, out: Buffer[]): void {
  for (let at = 0; at < bytes.length; at += STORED_MAX) {
    const run = bytes.subarray(at, at + STORED_MAX);
    const head = Buffer.allocUnsafe(5);
    head[0] = 0;
    head.writeUInt16LE(run.length, 1);
    head.writeUInt16LE(~run.length & 0xffff, 3);
    out.push(head, run);
  }
}

/** One gzip member holding the pieces in order: kept parts compressed, plain bytes stored. */
export function gzipOf(pieces: readonly (Buffer | CompressedPart)[]): Buffer {
  const out: Buffer[] = [HEADER];
  let crc = 0;
  let length = 0;
  for (const piece of pieces) {
    if (Buffer.isBuffer(piece)) {
      if (piece.length === 0) continue;
      stored(piece, out);
      crc = crc32(piece, crc);
      length += piece.length;
    } else {
      out.push(piece.deflated);
      crc = (multiply(piece.shift, crc) ^ piece.crc) >>> 0;
      length += piece.bytes.length;
    }
  }
  const trailer = Buffer.allocUnsafe(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE(length % 0x100000000, 4);
  out.push(END, trailer);
  return Buffer.concat(out);
}
