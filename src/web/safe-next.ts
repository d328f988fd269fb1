// Where a form or link may send a person back to: only a path of this site. The value is
// read the way a browser reads a Location header (WHATWG URL against our own origin), so
// every spelling a browser would turn into another site (backslashes, tabs or newlines
// inside "//", "/.//host") is caught by comparing origins, and what is returned is the
// URL's own serialisation: control characters come out percent-encoded, never raw in a header.

const ORIGIN = 'http://next.invalid';
const NEXT_MAX = 2_048;

export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > NEXT_MAX) return '/';
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== ORIGIN) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that itself starts with two slashes would be read as another host when sent back.
  return /^\/[/\\]/.test(path) ? '/' : path;
}
