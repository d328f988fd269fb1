// HTML kept between writes (KeptUntilWrite) and answered many times: split at its holes,
// where each answer writes what differs per answer (the session's CSRF token, a fresh
// idempotency key), and kept as bytes, each run between holes also compressed once
// (gzip.ts). An answer is then a copy of bytes, plain or gzipped, never a render.
import { randomUUID } from 'node:crypto';
import { compressedPart, gzipOf, type CompressedPart } from './gzip.js';

// After escaping, no text a person wrote holds a "<", so these markers meet nothing but
// themselves. Templates write the token and keys raw (they are base64url and UUIDs).
export const CSRF_HOLE = '<\u0001c>';
export const KEY_HOLE = '<\u0001k>';
/** Where a page takes its kept fragment. */
export const FRAGMENT_HOLE = '<\u0001f>';
const HOLE = /<\u0001([ck])>/;

export interface KeptHtml {
  /** The text between the holes, one more than the holes. */
  texts: CompressedPart[];
  holes: ('c' | 'k')[];
}

export function keptHtml(html: string): KeptHtml {
  const parts = html.split(HOLE);
  return {
    texts: parts.filter((_, i) => i % 2 === 0).map((text) => compressedPart(Buffer.from(text))),
    holes: parts.filter((_, i) => i % 2 === 1) as ('c' | 'k')[],
  };
}

/** The kept pieces one after the other, holes filled: plain bytes, or one gzip member. */
export function answer(kept: readonly KeptHtml[], csrfToken: () => string, gzip: boolean): Buffer {
  const pieces: (Buffer | CompressedPart)[] = [];
  for (const html of kept) {
    pieces.push(html.texts[0]!);
    for (let i = 0; i < html.holes.length; i += 1) {
      pieces.push(Buffer.from(html.holes[i] === 'c' ? csrfToken() : randomUUID(), 'latin1'), html.texts[i + 1]!);
    }
  }
  return gzip ? gzipOf(pieces) : Buffer.concat(pieces.map((p) => (Buffer.isBuffer(p) ? p : p.bytes)));
}
