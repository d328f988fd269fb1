// Rental requests from tests, through the real public form: a visitor's session, the form
// posted filled in, the token read from the redirect.
import type { FastifyInstance } from 'fastify';
import { form, visitor, type Session } from './auth.js';

/** A request that fits: Tuesday 15 December 2026, 18:00-22:00 in theatre layout (DEFAULT_NOW is 7 December). */
export const RENTAL_FIELDS = {
  organisation: 'Les Amis du Quartier',
  kind: 'association',
  contact_name: 'Nadia Benali',
  email: 'nadia@amis.example.org',
  phone: '+33 6 12 34 56 78',
  title: 'Soirée solidaire',
  date: '2026-12-15',
  start: '18:00',
  end: '22:00',
  layout: 'theatre',
  headcount: '90',
  purpose: 'Une soirée de rencontres entre associations du quartier.',
  consent: 'on',
} as const;

export interface SentRental {
  token: string;
  url: string;
  session: Session;
}

/** Posts the public form (as a fresh visitor unless a session is given); throws unless it answers 303. */
export async function requestRental(
  app: FastifyInstance,
  fields: Record<string, string | readonly string[]> = {},
  options: { session?: Session; ip?: string } = {},
): Promise<SentRental> {
  const session = options.session ?? (await visitor(app));
  const res = await app.inject({
    method: 'POST',
    url: '/event-space/request',
    remoteAddress: options.ip ?? '127.0.0.1',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...RENTAL_FIELDS, ...fields, _csrf: session.csrf }),
  });
  const url = String(res.headers.location ?? '');
  const token = /^\/rentals\/([A-Za-z0-9_-]{43})$/.exec(url)?.[1];
  if (res.statusCode !== 303 || !token) throw new Error(`the rental form answered ${res.statusCode}: ${url}`);
  return { token, url, session };
}

/** Posts a form as a signed-in or visitor session; `_csrf` is added. */
export function post(app: FastifyInstance, session: Session, url: string, fields: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...fields, _csrf: session.csrf }),
  });
}
