// Text from forms, cleaned at the edge: control characters (C0, DEL, C1) never reach a
// service, so none is stored and sent on into feeds or e-mails. Line breaks and tabs become a
// space in single-line fields and stay in the multi-line ones. Passwords are taken as typed:
// they are only hashed, never shown, and changing them here would lock people out.
import { parse } from 'node:querystring';

/** Fields whose text may hold line breaks (a textarea). */
const MULTI_LINE_FIELDS: ReadonlySet<string> = new Set(['message', 'purpose', 'notes']);
const PASSWORD_FIELDS: ReadonlySet<string> = new Set(['password', 'confirm']);

const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const BREAKS = /\r\n?|\n|\t|\u2028|\u2029/g;

export function cleanFieldText(name: string, value: string): string {
  if (PASSWORD_FIELDS.has(name)) return value;
  const text = value.replace(CONTROLS, '');
  return MULTI_LINE_FIELDS.has(name) ? text.replace(/\r\n?/g, '\n') : text.replace(BREAKS, ' ');
}

/** An urlencoded body as @fastify/formbody would give it, every value cleaned. */
export function parseFormBody(body: string): Record<string, string | string[]> {
  const fields = parse(body);
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map((v) => cleanFieldText(name, v)) : cleanFieldText(name, value);
  }
  return out;
}

/** A form declared in a charset other than UTF-8 would be misread: it is refused (415). */
export function isUtf8Form(contentType: string | undefined): boolean {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  return charset === undefined || /^utf-?8$/i.test(charset);
}
