// Just enough MIME reading for tests: headers (unfolded, RFC 2047 words decoded) and the
// leaf parts of a multipart message with their bodies decoded.
export interface MimePart {
  headers: Map<string, string>;
  contentType: string;
  params: Map<string, string>;
  body: string;
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*(?==\?)?/gi, (_w, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function split(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, body };
}

function parseType(value: string): { type: string; params: Map<string, string> } {
  const [type = '', ...rest] = value.split(';');
  const params = new Map<string, string>();
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq > 0)
      params.set(
        p.slice(0, eq).trim().toLowerCase(),
        p
          .slice(eq + 1)
          .trim()
          .replace(/^"|"$/g, ''),
      );
  }
  return { type: type.trim().toLowerCase(), params };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return Buffer.from(
        body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      ).toString('utf8');
    default:
      return body;
  }
}

export function parseMime(raw: string): { headers: Map<string, string>; parts: MimePart[] } {
  const top = split(raw.replace(/\r?\n/g, '\r\n'));
  const parts: MimePart[] = [];
  const walk = (headers: Map<string, string>, body: string) => {
    const { type, params } = parseType(headers.get('content-type') ?? 'text/plain');
    const boundary = params.get('boundary');
    if (type.startsWith('multipart/') && boundary) {
      const sections = body.split(`--${boundary}`).slice(1);
      for (const section of sections) {
        if (section.startsWith('--')) break;
        const inner = split(section.replace(/^\r\n/, '').replace(/\r\n$/, ''));
        walk(inner.headers, inner.body);
      }
    } else {
      parts.push({
        headers,
        contentType: type,
        params,
        body: decodeBody(body, headers.get('content-transfer-encoding')),
      });
    }
  };
  walk(top.headers, top.body);
  return { headers: top.headers, parts };
}
