// Reading urlencoded forms and turning service field problems into sentences. Field values
// may arrive as arrays (a repeated name) or be missing; services get exactly what came.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey, Translate } from '../i18n/index.js';
import { NAME_MAX_LENGTH } from '../services/accounts.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../services/passwords.js';

export function formBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** A single text value, or '' when missing or repeated. */
export function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

export function checked(body: Record<string, unknown>, name: string): boolean {
  const value = body[name];
  return value === 'on' || value === '1' || value === 'true';
}

/** A positive database id from a route parameter, or null. */
export function parseId(raw: unknown): number | null {
  return typeof raw === 'string' && /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null;
}

const PARAMS = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH } as const;

/** `{ email: 'invalid' }` -> `{ email: 'Indiquez une adresse e-mail valide…' }`. */
export function fieldMessages(t: Translate, errors: Partial<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, code] of Object.entries(errors)) {
    if (!code) continue;
    const max = field === 'name' ? NAME_MAX_LENGTH : PARAMS.max;
    out[field] = t(`account.error.${field}.${code}` as MessageKey, { min: PARAMS.min, max });
  }
  return out;
}

/** Field -> [input id, label key]: what the error summary needs to name each field and link to it. */
export type FieldTargets = Readonly<Record<string, readonly [id: string, label: MessageKey]>>;

/** The `fields` the form-errors partial takes: field -> [input id, label in the reader's language]. */
export function summaryFields(t: Translate, targets: FieldTargets): Record<string, [string, string]> {
  const out: Record<string, [string, string]> = {};
  for (const [field, [id, label]] of Object.entries(targets)) out[field] = [id, t(label)];
  return out;
}

/** A whole number written for the reader: "1 000" in French, "1,000" in English. */
export function wholeNumberText(lang: string, n: number): string {
  return new Intl.NumberFormat(lang).format(n);
}

/** A wrong catalogue filter in words: "Équipement : Cochez des équipements de la liste.", once per field. */
export function filterProblems(t: Translate, problems: readonly { field: string }[]): string[] {
  return [...new Set(problems.map((p) => p.field))].map((field) =>
    t('form.errors.entry', {
      label: t(`catalogue.filter.${field}` as MessageKey),
      message: t(`fields.filter.${field}` as MessageKey),
    }),
  );
}

/** 429 with Retry-After, for the page that shows the refusal. */
export function limitedMessage(t: Translate, reply: FastifyReply, retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  reply.header('Retry-After', String(seconds));
  return t('account.limit.body', { count: Math.max(1, Math.ceil(seconds / 60)) });
}
