// Calendar feeds over HTTP, read back with ical.js as a client would: my bookings, a
// resource's calendar, an organisation's, the public events; tokens (another person's,
// rotated, revoked, made-up); ETag / Last-Modified / 304; the window; the profile's links.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { bookingUid } from '../../src/calendar/booking-event.js';
import { FEED_SCOPES, feedAggregateQuery, feedRowsQuery, type FeedScope } from '../../src/db/feeds.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { DEMO_ACCOUNTS, form, signInAs } from '../helpers/auth.js';
import { lint, readCalendar, type ReadCalendar } from '../helpers/ical.js';
import { actorOf, createMember, createOrganisation, resourceId } from '../helpers/people.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Paris is UTC+1 in December 2026 (the test clock stands on Monday 7 December, 10:00 Paris).
const paris = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 1, minute);

/** Accents, a comma, a semicolon and emoji (4-octet, a ZWJ sequence) push lines past 75 octets at awkward places. */
const LONG_TITLE = 'Atelier « Économie sociale & solidaire » 🎉🚀 avec Jérôme; Ægir, Łukasz et 👩🏽‍💻 l’équipe';

let t: TestApp;

beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

function book(memberId: number, slug: string, start: number, end: number, title = '') {
  const outcome = t.app.services.bookings.create(actorOf(t.db, memberId), {
    resourceId: resourceId(t.db, slug),
    start,
    end,
    title,
  });
  if (!outcome.ok) throw new Error(`booking refused: ${outcome.violations.map((v) => v.code).join(', ')}`);
  return outcome.booking;
}

function tokenOf(memberId: number): string {
  return t.app.services.feedTokens.rotate(memberId);
}

async function get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'GET', url, headers });
}

/** GETs a feed that must be 200 text/calendar and follow every rule; returns it parsed. */
async function read(url: string): Promise<ReadCalendar & { body: string; res: LightMyRequestResponse }> {
  const res = await get(url);
  expect(res.statusCode, url).toBe(200);
  expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
  expect(lint(res.body)).toEqual([]);
  const calendar = readCalendar(res.body);
  // Every TZID used has its VTIMEZONE, and the site's is always there (an empty feed still holds a component).
  expect(calendar.tzids).toContain('Europe/Paris');
  for (const e of calendar.events) expect(e.dtstampRaw).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
  return { ...calendar, body: res.body, res };
}

function setup() {
  const org = createOrganisation(t.db, { name: 'Coopérative « Les Émeraudes »' });
  const zoe = createMember(t.db, { name: 'Zoé Ärnström 🎉', organisationId: org, lead: true });
  const sami = createMember(t.db, { name: 'Sami Secret', organisationId: org });
  const other = createMember(t.db, { name: 'Olga Autre', organisationId: createOrganisation(t.db) });
  const desk = createMember(t.db, { name: 'Fatou Accueil', role: 'frontdesk' });
  return { org, zoe, sami, other, desk };
}

describe('my bookings feed', () => {
  it('holds my bookings as clients read them: Paris times, UID, SEQUENCE, LOCATION, URL, folded lines', async () => {
    const { zoe, sami } = setup();
    const first = book(zoe, 'salle-appia', paris(8, 9), paris(8, 10, 30), LONG_TITLE);
    const second = book(zoe, 'salle-barton', paris(9, 14), paris(9, 15));
    book(sami, 'salle-appia', paris(8, 11), paris(8, 12), 'Réunion de Sami');
    const token = tokenOf(zoe);
    const feed = await read(`/feeds/${token}/bookings.ics`);
    expect(feed.name).toBe('21 – Mes réservations');
    expect(feed.events.map((e) => e.uid)).toEqual([
      bookingUid(first.id, '21.example.org'),
      bookingUid(second.id, '21.example.org'),
    ]);
    const [a, b] = feed.events;
    expect(a).toMatchObject({
      sequence: 0,
      status: 'CONFIRMED',
      startLocal: '2026-12-08T09:00:00',
      endLocal: '2026-12-08T10:30:00',
      tzid: 'Europe/Paris',
      start: paris(8, 9),
      end: paris(8, 10, 30),
    });
    expect(a!.summary).toBe(`Salle Louis Appia – ${LONG_TITLE}`);
    expect(a!.location).toBe('Salle Louis Appia, 21 rue de la Vanne, 92120 Montrouge, France (1er étage)');
    expect(a!.url).toBe(`${t.config.baseUrl}/bookings/${first.id}`);
    expect(b).toMatchObject({ summary: 'Salle Clara Barton', startLocal: '2026-12-09T14:00:00' });
    // Someone else's booking is not in my feed.
    expect(feed.body).not.toContain('Sami');
    // The long line was folded: the raw text has continuation lines.
    expect(feed.body).toMatch(/\r\n [^\r\n]/);
  });

  it('is byte-identical when nothing changed, keeps UIDs, raises SEQUENCE on change and cancel', async () => {
    const { zoe } = setup();
    const booking = book(zoe, 'salle-appia', paris(8, 9), paris(8, 10), 'Point hebdo');
    const kept = book(zoe, 'salle-dufour', paris(10, 9), paris(10, 10));
    const url = `/feeds/${tokenOf(zoe)}/bookings.ics`;
    const one = await read(url);
    t.clock.advance(10 * MINUTE);
    const two = await read(url);
    expect(two.body).toBe(one.body);
    expect(two.res.headers.etag).toBe(one.res.headers.etag);

    t.clock.advance(HOUR);
    const changed = t.app.services.bookings.change(actorOf(t.db, zoe), booking.id, {
      start: paris(8, 14),
      end: paris(8, 15),
    });
    expect(changed.ok).toBe(true);
    const three = await read(url);
    expect(three.events.map((e) => e.uid)).toEqual(one.events.map((e) => e.uid));
    const moved = three.events.find((e) => e.uid === bookingUid(booking.id, '21.example.org'))!;
    expect(moved.sequence).toBeGreaterThan(one.events[0]!.sequence);
    expect(moved.startLocal).toBe('2026-12-08T14:00:00');
    // DTSTAMP is the last change, in UTC.
    expect(moved.dtstampRaw).toBe(
      `DTSTAMP:${new Date(t.clock.now())
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '')}`,
    );

    t.clock.advance(HOUR);
    t.app.services.bookings.cancel(actorOf(t.db, zoe), booking.id);
    const four = await read(url);
    const cancelled = four.events.find((e) => e.uid === moved.uid)!;
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.sequence).toBeGreaterThan(moved.sequence);
    // The untouched booking did not change a byte.
    const untouched = (r: ReadCalendar) => r.events.find((e) => e.uid === bookingUid(kept.id, '21.example.org'));
    expect(untouched(four)).toEqual(untouched(one));

    // Cancelled bookings stay 14 days (counted in whole days), then leave the feed.
    t.clock.advance(13 * DAY);
    expect((await read(url)).events.map((e) => [e.uid, e.status])).toEqual([
      [moved.uid, 'CANCELLED'],
      [bookingUid(kept.id, '21.example.org'), 'CONFIRMED'],
    ]);
    t.clock.advance(2 * DAY);
    expect((await read(url)).events.map((e) => e.uid)).toEqual([bookingUid(kept.id, '21.example.org')]);
  });

  it('holds 60 days back to 18 months ahead and nothing outside', async () => {
    const { zoe } = setup();
    const room = resourceId(t.db, 'salle-appia');
    const insert = t.db.$client.prepare(
      `INSERT INTO bookings
         (resource_id, member_id, booked_by_id, starts_at, ends_at, status, title, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'confirmed', ?, 0, 0)`,
    );
    const today = Math.floor(t.clock.now() / DAY) * DAY;
    for (const [title, start] of [
      ['too-old', today - 61 * DAY],
      ['old-enough', today - 59 * DAY],
      ['far-but-in', today + 540 * DAY],
      ['too-far', today + 560 * DAY],
    ] as const) {
      insert.run(room, zoe, zoe, start + 9 * HOUR, start + 10 * HOUR, title);
    }
    const feed = await read(`/feeds/${tokenOf(zoe)}/bookings.ics`);
    expect(feed.events.map((e) => e.summary)).toEqual([
      'Salle Louis Appia – old-enough',
      'Salle Louis Appia – far-but-in',
    ]);
  });

  /** The query plan of a feed statement, with a scope's placeholders filled in. */
  function planOf(query: { sql: string; params: unknown[] }, scope: FeedScope): string[] {
    const values: Record<string, unknown> = {
      key: scope === 'public' ? '[1]' : 1,
      from: 0,
      to: 1,
      cancelledSince: 0,
    };
    const params = query.params.map((p) =>
      typeof p === 'object' && p !== null && 'name' in p ? values[String(p.name)] : p,
    );
    return (t.db.$client.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...params) as { detail: string }[]).map(
      (r) => r.detail,
    );
  }

  it('reads its rows on the (member, resource or organisation, starts_at) indexes, bounded by the window', () => {
    for (const scope of FEED_SCOPES) {
      for (const query of [feedRowsQuery(t.db, scope), feedAggregateQuery(t.db, scope)]) {
        const plan = planOf(query, scope);
        const index = {
          member: 'bookings_member_start',
          resource: 'bookings_resource_start',
          organisation: 'bookings_org_start',
          public: 'bookings_resource_start',
        }[scope];
        expect(
          plan.some((d) => d.includes(`INDEX ${index}`) && d.includes('starts_at>? AND starts_at<?')),
          `${scope}: ${plan.join(' / ')}`,
        ).toBe(true);
        expect(
          plan.some((d) => /^SCAN bookings\b/.test(d)),
          scope,
        ).toBe(false);
      }
    }
  });

  it('answers "not modified" to a person from the index alone, without reading a booking row', () => {
    expect(planOf(feedAggregateQuery(t.db, 'member'), 'member')).toEqual([
      'SEARCH bookings USING COVERING INDEX bookings_member_start (member_id=? AND starts_at>? AND starts_at<?)',
    ]);
  });
});

describe('conditional requests', () => {
  it('answers 304 without a body while unchanged, 200 with a new ETag after a change', async () => {
    const { zoe } = setup();
    const booking = book(zoe, 'salle-appia', paris(8, 9), paris(8, 10));
    const url = `/feeds/${tokenOf(zoe)}/bookings.ics`;
    const first = await get(url);
    const etag = first.headers.etag as string;
    const lastModified = first.headers['last-modified'] as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    // The last change: the booking was made just now.
    expect(new Date(lastModified).getTime()).toBe(Math.floor(t.clock.now() / 1000) * 1000);
    expect(first.headers['cache-control']).toBe('private, no-cache');

    const again = await get(url, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['last-modified']).toBe(lastModified);
    expect((await get(url, { 'if-none-match': `"nope", W/${etag}` })).statusCode).toBe(304);
    expect((await get(url, { 'if-modified-since': lastModified })).statusCode).toBe(304);

    t.clock.advance(HOUR);
    t.app.services.bookings.change(actorOf(t.db, zoe), booking.id, { start: paris(8, 11), end: paris(8, 12) });
    const after = await get(url, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(readCalendar(after.body).events[0]!.startLocal).toBe('2026-12-08T11:00:00');
    expect(new Date(after.headers['last-modified'] as string).getTime()).toBe(Math.floor(t.clock.now() / 1000) * 1000);
    expect((await get(url, { 'if-modified-since': lastModified })).statusCode).toBe(200);
    expect((await get(url, { 'if-none-match': after.headers.etag as string })).statusCode).toBe(304);
  });

  it("sends the feed as it is to clients asking for gzip (compression is the reverse proxy's)", async () => {
    const { zoe } = setup();
    book(zoe, 'salle-appia', paris(8, 9), paris(8, 10), LONG_TITLE);
    const url = `/feeds/${tokenOf(zoe)}/bookings.ics`;
    const plain = await get(url);
    const asked = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(asked.statusCode).toBe(200);
    expect(asked.headers['content-encoding']).toBeUndefined();
    expect(asked.headers.etag).toBe(plain.headers.etag);
    expect(asked.body).toBe(plain.body);
    expect(readCalendar(asked.body).events[0]!.summary).toContain('Économie');
  });

  it('answers 304 to an unchanged feed after writes elsewhere, 200 after a booking by another connection', async () => {
    const { zoe, other } = setup();
    book(zoe, 'salle-appia', paris(8, 9), paris(8, 10));
    const url = `/feeds/${tokenOf(zoe)}/bookings.ics`;
    const etag = (await get(url)).headers.etag as string;
    expect((await get(url, { 'if-none-match': etag })).statusCode).toBe(304);

    // A write elsewhere in the database: still the same feed.
    t.db.$client.prepare('UPDATE members SET name = ? WHERE id = ?').run('Olga Autrement', other);
    book(other, 'salle-barton', paris(9, 9), paris(9, 10));
    const unchanged = await get(url, { 'if-none-match': etag });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.headers.etag).toBe(etag);

    // Another connection (another process) books for Zoé: the feed changes on the next poll.
    const elsewhere = new Database(t.db.$client.name);
    elsewhere
      .prepare(
        `INSERT INTO bookings
           (resource_id, member_id, booked_by_id, starts_at, ends_at, status, title, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'confirmed', '', ?, ?)`,
      )
      .run(resourceId(t.db, 'salle-dodu'), zoe, zoe, paris(9, 9), paris(9, 10), t.clock.now(), t.clock.now());
    elsewhere.close();
    const after = await get(url, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(readCalendar(after.body).events).toHaveLength(2);
  });

  it('changes the ETag when a booking enters the window with the new day, not before', async () => {
    const { zoe } = setup();
    const url = `/feeds/${tokenOf(zoe)}/bookings.ics`;
    const today = Math.floor(t.clock.now() / DAY) * DAY;
    // A booking just beyond the far edge: it enters the window tomorrow.
    t.db.$client
      .prepare(
        `INSERT INTO bookings
           (resource_id, member_id, booked_by_id, starts_at, ends_at, status, title, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'confirmed', '', 0, 0)`,
      )
      .run(resourceId(t.db, 'salle-appia'), zoe, zoe, today + 548 * DAY + 9 * HOUR, today + 548 * DAY + 10 * HOUR);
    const before = await get(url);
    expect(readCalendar(before.body).events).toHaveLength(0);
    t.clock.advance(HOUR);
    expect((await get(url, { 'if-none-match': before.headers.etag as string })).statusCode).toBe(304);
    t.clock.set(today + DAY + HOUR);
    const next = await get(url, { 'if-none-match': before.headers.etag as string });
    expect(next.statusCode).toBe(200);
    expect(readCalendar(next.body).events).toHaveLength(1);
    expect(new Date(next.headers['last-modified'] as string).getTime()).toBe(today + DAY);
  });
});

describe('feed tokens', () => {
  it('answer 404 for a made-up, malformed, rotated or revoked token, and for a deactivated account', async () => {
    const { zoe, sami } = setup();
    const old = tokenOf(zoe);
    // No booking yet: still a valid calendar, holding the site's VTIMEZONE.
    expect((await read(`/feeds/${old}/bookings.ics`)).events).toEqual([]);
    for (const madeUp of ['AAAAAAAAAAAAAAAAAAAAAAAA', 'x', `${old}x`, old.slice(1), '%00%0a', '..']) {
      const res = await get(`/feeds/${madeUp}/bookings.ics`);
      expect(res.statusCode, madeUp).toBe(404);
    }
    const fresh = tokenOf(zoe);
    expect(fresh).not.toBe(old);
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect((await get(`/feeds/${old}/bookings.ics`)).statusCode).toBe(404);
    expect((await get(`/feeds/${fresh}/bookings.ics`)).statusCode).toBe(200);
    // Only the hash is stored.
    const stored = t.db.$client.prepare('SELECT token_hash AS hash FROM feed_tokens WHERE member_id = ?').all(zoe) as {
      hash: string;
    }[];
    expect(stored).toHaveLength(2);
    expect(stored.every((r) => /^[0-9a-f]{64}$/.test(r.hash) && r.hash !== fresh && r.hash !== old)).toBe(true);

    t.app.services.feedTokens.revoke(zoe);
    expect((await get(`/feeds/${fresh}/bookings.ics`)).statusCode).toBe(404);

    const samis = tokenOf(sami);
    t.db.$client.prepare('UPDATE members SET active = 0 WHERE id = ?').run(sami);
    expect((await get(`/feeds/${samis}/bookings.ics`)).statusCode).toBe(404);
  });

  it('answer a conditional poll for their own feed only, and 404 once revoked here or by another process', async () => {
    const { zoe, sami } = setup();
    book(zoe, 'salle-appia', paris(8, 9), paris(8, 10));
    const token = tokenOf(zoe);
    const url = `/feeds/${token}/bookings.ics`;
    const etag = (await get(url)).headers.etag as string;
    const polled = await get(url, { 'if-none-match': etag });
    expect(polled.statusCode).toBe(304);
    expect(polled.headers.etag).toBe(etag);
    expect(polled.headers['cache-control']).toBe('private, no-cache');
    // The ETag is this feed's: another person's feed, or another feed of the same person, is sent in full.
    const samis = tokenOf(sami);
    expect((await get(`/feeds/${samis}/bookings.ics`, { 'if-none-match': etag })).statusCode).toBe(200);
    expect(
      (await get(`/feeds/${token}/resources/${resourceId(t.db, 'salle-appia')}.ics`, { 'if-none-match': etag }))
        .statusCode,
    ).toBe(200);
    const tampered = url.replace(token, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
    expect((await get(tampered, { 'if-none-match': etag })).statusCode).toBe(404);
    expect((await get(url, { 'if-none-match': etag })).statusCode).toBe(304);

    // Revoked by this process: the next poll is refused.
    t.app.services.feedTokens.revoke(zoe);
    expect((await get(url, { 'if-none-match': etag })).statusCode).toBe(404);

    // Sami's account is deactivated by another process (another connection): his next poll is refused.
    const samiUrl = `/feeds/${samis}/bookings.ics`;
    const samiEtag = (await get(samiUrl)).headers.etag as string;
    expect((await get(samiUrl, { 'if-none-match': samiEtag })).statusCode).toBe(304);
    const elsewhere = new Database(t.db.$client.name);
    elsewhere.prepare('UPDATE members SET active = 0 WHERE id = ?').run(sami);
    elsewhere.close();
    expect((await get(samiUrl, { 'if-none-match': samiEtag })).statusCode).toBe(404);
  });

  it("answer 404 for another person's organisation, the same as for one that does not exist", async () => {
    const { org, zoe, sami, other } = setup();
    book(sami, 'salle-appia', paris(8, 9), paris(8, 10), 'Atelier équipe');
    const lead = await read(`/feeds/${tokenOf(zoe)}/organisations/${org}.ics`);
    expect(lead.name).toBe('21 – Réservations de Coopérative « Les Émeraudes »');
    expect(lead.events.map((e) => e.summary)).toEqual(['Salle Louis Appia – Atelier équipe (Sami Secret)']);
    // Sami is in the organisation but does not lead it; Olga is in another one.
    const notFound = await get(`/feeds/${tokenOf(other)}/organisations/${org}.ics`);
    for (const url of [
      `/feeds/${tokenOf(sami)}/organisations/${org}.ics`,
      `/feeds/${tokenOf(zoe)}/organisations/999999.ics`,
      `/feeds/${tokenOf(zoe)}/organisations/${org}`,
      `/feeds/${tokenOf(zoe)}/resources/999999.ics`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toBe(notFound.body);
    }
    expect(notFound.statusCode).toBe(404);
  });
});

describe('resource feed', () => {
  it('shows others\' bookings as "Réservé" / "Booked" without names to a member, names to staff', async () => {
    const { zoe, sami, desk } = setup();
    const mine = book(zoe, 'salle-appia', paris(8, 9), paris(8, 10), 'Mon point');
    const theirs = book(sami, 'salle-appia', paris(8, 11), paris(8, 12), 'Projet confidentiel');
    const room = resourceId(t.db, 'salle-appia');

    const member = await read(`/feeds/${tokenOf(zoe)}/resources/${room}.ics`);
    expect(member.name).toBe('21 – Salle Louis Appia');
    expect(member.events.map((e) => [e.uid, e.summary, e.url])).toEqual([
      [
        bookingUid(mine.id, '21.example.org'),
        'Salle Louis Appia – Mon point',
        `${t.config.baseUrl}/bookings/${mine.id}`,
      ],
      [bookingUid(theirs.id, '21.example.org'), 'Réservé', null],
    ]);
    expect(member.body).not.toMatch(/Sami|confidentiel/);
    expect(member.events[1]!.location).toMatch(/^Salle Louis Appia, 21 rue de la Vanne/);

    t.db.$client.prepare("UPDATE members SET language = 'en' WHERE id = ?").run(zoe);
    const english = await read(`/feeds/${tokenOf(zoe)}/resources/${room}.ics`);
    expect(english.events[1]!.summary).toBe('Booked');
    expect(english.events[1]!.location).toBe(
      'Louis Appia room, 21 rue de la Vanne, 92120 Montrouge, France (1st floor)',
    );

    const staff = await read(`/feeds/${tokenOf(desk)}/resources/${room}.ics`);
    expect(staff.events.map((e) => e.summary)).toEqual([
      'Salle Louis Appia – Mon point (Zoé Ärnström 🎉)',
      'Salle Louis Appia – Projet confidentiel (Sami Secret)',
    ]);
    expect(staff.events[1]!.url).toBe(`${t.config.baseUrl}/bookings/${theirs.id}`);
  });

  it('names a renamed person under a new ETag in the feeds that show names', async () => {
    const { zoe, sami, desk } = setup();
    book(sami, 'salle-appia', paris(8, 11), paris(8, 12));
    const url = `/feeds/${tokenOf(desk)}/resources/${resourceId(t.db, 'salle-appia')}.ics`;
    const before = await get(url);
    const memberUrl = `/feeds/${tokenOf(zoe)}/resources/${resourceId(t.db, 'salle-appia')}.ics`;
    const memberBefore = await get(memberUrl);
    t.clock.advance(HOUR);
    t.db.$client
      .prepare("UPDATE members SET name = 'Sami Nouveau', updated_at = ? WHERE id = ?")
      .run(t.clock.now(), sami);
    const after = await get(url, { 'if-none-match': before.headers.etag as string });
    expect(after.statusCode).toBe(200);
    expect(readCalendar(after.body).events[0]!.summary).toBe('Salle Louis Appia – Sami Nouveau');
    expect((await get(memberUrl, { 'if-none-match': memberBefore.headers.etag as string })).statusCode).toBe(304);
  });
});

describe('public events feed', () => {
  it('holds only the event space bookings marked public, with their title and no names, without a token', async () => {
    const { zoe } = setup();
    const insert = t.db.$client.prepare(
      `INSERT INTO bookings
         (resource_id, member_id, booked_by_id, starts_at, ends_at, status, title, is_public, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0) RETURNING id`,
    );
    const space = resourceId(t.db, 'espace-evenementiel');
    const talk = insert.get(
      space,
      zoe,
      zoe,
      paris(10, 18),
      paris(10, 20),
      'confirmed',
      '21 Talk : l’IA au service du soin 🩺',
      1,
    ) as { id: number };
    insert.run(space, zoe, zoe, paris(11, 18), paris(11, 20), 'confirmed', 'Séminaire privé', 0);
    insert.run(
      resourceId(t.db, 'salle-appia'),
      zoe,
      zoe,
      paris(10, 9),
      paris(10, 10),
      'confirmed',
      'Pas un événement',
      1,
    );
    const feed = await read('/feeds/events.ics');
    expect(feed.name).toBe('21 – Événements publics');
    expect(feed.events.map((e) => [e.uid, e.summary, e.url, e.startLocal])).toEqual([
      [
        bookingUid(talk.id, '21.example.org'),
        '21 Talk : l’IA au service du soin 🩺',
        `${t.config.baseUrl}/resources/${space}`,
        '2026-12-10T18:00:00',
      ],
    ]);
    expect(feed.body).not.toContain('Zoé');
    expect(feed.res.headers['cache-control']).toBe('public, max-age=300');
    expect((await read('/feeds/events.ics?lang=en')).name).toBe('21 – Public events');
    expect((await get('/feeds/events.ics', { 'if-none-match': feed.res.headers.etag as string })).statusCode).toBe(304);
  });

  // A shared cache may keep the public feed: no feed ever carries a cookie.
  it('never sets a cookie on a feed, even to a browser holding an old session cookie', async () => {
    const { zoe } = setup();
    const member = await signInAs(t.app, 'member');
    for (const url of ['/feeds/events.ics', `/feeds/${tokenOf(zoe)}/bookings.ics`]) {
      for (const cookie of [member.cookie, 'sid=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
        const res = await get(url, { cookie });
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['set-cookie'], `${url} with ${cookie.slice(0, 8)}`).toBeUndefined();
      }
    }
    // Elsewhere, an unknown session cookie is still cleared.
    expect(
      (await get('/', { cookie: 'sid=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).headers['set-cookie'],
    ).toBeDefined();
  });
});

describe('public event checkbox', () => {
  it('lets staff mark an event-space booking public (it joins the public feed), and nobody else', async () => {
    const { zoe } = setup();
    // Event-space bookings need two days' notice and approval: this one is pending.
    const event = book(zoe, 'espace-evenementiel', paris(10, 18), paris(10, 20), 'Conférence « Santé & numérique »');
    const room = book(zoe, 'salle-appia', paris(8, 9), paris(8, 10));
    const desk = await signInAs(t.app, 'frontdesk');
    const page = await get(`/bookings/${event.id}`, { cookie: desk.cookie });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(
      /<input type="checkbox" id="b-public" name="public" value="1" aria-describedby="b-public-hint">/,
    );
    expect(page.body).toContain('<label class="check">');
    // A room's page has no such box, nor has the member's own view of the event.
    expect((await get(`/bookings/${room.id}`, { cookie: desk.cookie })).body).not.toContain('id="b-public"');
    const member = await signInAs(t.app, 'member');
    const post = (session: typeof desk, id: number, fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/bookings/${id}/public`,
        headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ _csrf: session.csrf, ...fields }),
      });

    const before = await get('/feeds/events.ics');
    expect(readCalendar(before.body).events).toEqual([]);
    t.clock.advance(MINUTE);
    const marked = await post(desk, event.id, { public: '1' });
    expect(marked.statusCode).toBe(303);
    expect(marked.headers.location).toBe(`/bookings/${event.id}`);
    expect((await get(`/bookings/${event.id}`, { cookie: desk.cookie })).body).toContain(
      'aria-describedby="b-public-hint" checked>',
    );
    const after = await get('/feeds/events.ics', { 'if-none-match': before.headers.etag as string });
    expect(after.statusCode).toBe(200);
    const [read] = readCalendar(after.body).events;
    expect(read).toMatchObject({
      summary: 'Conférence « Santé & numérique »',
      status: 'TENTATIVE',
      sequence: event.version,
    });

    expect((await post(member, event.id, {})).statusCode).toBe(404);
    expect((await post(desk, room.id, { public: '1' })).statusCode).toBe(404);
    expect((await post(desk, 999999, { public: '1' })).statusCode).toBe(404);
    expect((await post(desk, event.id, {})).statusCode).toBe(303);
    expect(readCalendar((await get('/feeds/events.ics')).body).events).toEqual([]);
    expect(t.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'booking.public'").get()).toEqual({
      n: 2,
    });
  });
});

describe('profile links', () => {
  it('creates links shown once (webcal, Google, Outlook, a labelled URL), rotates them, turns them off', async () => {
    const lead = await signInAs(t.app, 'lead');
    const before = await get('/profile', { cookie: lead.cookie });
    expect(before.body).toContain('id="feeds-heading"');
    expect(before.body).toContain('Créer mes liens d’agenda');

    const created = await t.app.inject({
      method: 'POST',
      url: '/profile/feeds',
      headers: { cookie: lead.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: lead.csrf }),
    });
    expect(created.statusCode).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    const urls = [
      ...created.body.matchAll(
        /<label for="([^"]+)">[^<]+<\/label>\s*<input type="text" id="\1" value="([^"]+)" readonly/g,
      ),
    ].map((m) => m[2]!);
    const mine = urls.find((u) => u.endsWith('/bookings.ics'))!;
    expect(mine).toMatch(new RegExp(`^${t.config.baseUrl}/feeds/[A-Za-z0-9_-]{24}/bookings\\.ics$`));
    const token = /\/feeds\/([^/]+)\//.exec(mine)![1]!;
    // The demo lead leads the demo organisation: its feed is offered, and so are the rooms'.
    expect(urls.some((u) => /\/organisations\/\d+\.ics$/.test(u))).toBe(true);
    expect(urls.some((u) => u.endsWith(`/resources/${resourceId(t.db, 'salle-appia')}.ics`))).toBe(true);
    expect(urls).toContain(`${t.config.baseUrl}/feeds/events.ics`);
    const webcal = mine.replace(/^http:\/\//, 'webcal://');
    expect(created.body).toContain(`href="${webcal}"`);
    expect(created.body).toContain(
      `href="https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}"`,
    );
    expect(created.body).toContain(
      `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(mine)}&amp;name=`,
    );
    expect(created.body).toContain(
      `https://outlook.office.com/calendar/0/addfromweb?url=${encodeURIComponent(mine)}&amp;name=`,
    );
    for (const url of urls) expect((await get(url.replace(t.config.baseUrl, ''))).statusCode, url).toBe(200);

    // Afterwards the profile says when they were made but never shows the token again.
    const later = await get('/profile', { cookie: lead.cookie });
    expect(later.body).toContain('Vos liens d’agenda personnels ont été créés le lundi 7 décembre 2026.');
    expect(later.body).not.toContain(token);

    const rotated = await t.app.inject({
      method: 'POST',
      url: '/profile/feeds',
      headers: { cookie: lead.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: lead.csrf }),
    });
    expect(rotated.body).not.toContain(token);
    expect((await get(mine.replace(t.config.baseUrl, ''))).statusCode).toBe(404);

    const off = await t.app.inject({
      method: 'POST',
      url: '/profile/feeds/revoke',
      headers: { cookie: lead.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: lead.csrf }),
    });
    expect(off.statusCode).toBe(303);
    const page = await get(off.headers.location as string, { cookie: lead.cookie });
    expect(page.body).toContain('Vos liens d’agenda sont désactivés.');
    const newest = /\/feeds\/([A-Za-z0-9_-]{24})\/bookings\.ics/.exec(rotated.body)![1]!;
    expect((await get(`/feeds/${newest}/bookings.ics`)).statusCode).toBe(404);
  });

  it('refuses a POST without the CSRF token and sends visitors to sign in', async () => {
    const lead = await signInAs(t.app, 'lead');
    const forged = await t.app.inject({
      method: 'POST',
      url: '/profile/feeds',
      headers: { cookie: lead.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(forged.statusCode).toBe(403);
    expect(t.db.$client.prepare('SELECT count(*) AS n FROM feed_tokens').get()).toEqual({ n: 0 });
    const visitor = await get('/profile/feeds');
    expect(visitor.statusCode).toBe(303);
    expect(DEMO_ACCOUNTS.lead.email).toContain('@');
  });
});

describe('a large feed', () => {
  it('holds 500 bookings, answers 304 while unchanged, and changes only the event that changed', async () => {
    const { zoe } = setup();
    const rooms = ['salle-appia', 'salle-barton', 'salle-dufour', 'salle-dodu', 'salle-maunoir'].map((s) =>
      resourceId(t.db, s),
    );
    const insert = t.db.$client.prepare(
      `INSERT INTO bookings
         (resource_id, member_id, booked_by_id, starts_at, ends_at, status, title, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'confirmed', ?, ?, 0, ?)`,
    );
    const start = paris(7, 9) - 50 * DAY;
    t.db.$client.transaction(() => {
      for (let i = 0; i < 500; i += 1) {
        const s = start + i * DAY + (i % 4) * HOUR;
        insert.run(
          rooms[i % rooms.length],
          zoe,
          zoe,
          s,
          s + HOUR,
          `Réunion n° ${i} – équipe « Émeraude » 🎯`,
          i % 3,
          start + i * MINUTE,
        );
      }
    })();
    const url = `/feeds/${tokenOf(zoe)}/bookings.ics`;
    const first = await read(url);
    expect(first.events).toHaveLength(500);
    expect((await get(url, { 'if-none-match': first.res.headers.etag as string })).statusCode).toBe(304);
    expect((await read(url)).body).toBe(first.body);

    const changed = t.db.$client
      .prepare(
        `UPDATE bookings SET version = version + 1, updated_at = ?
         WHERE id = (SELECT min(id) FROM bookings WHERE member_id = ?) RETURNING id`,
      )
      .get(t.clock.now(), zoe) as { id: number };
    const second = await read(url);
    expect(second.res.headers.etag).not.toBe(first.res.headers.etag);
    const uid = bookingUid(changed.id, '21.example.org');
    const others = (r: ReadCalendar) => r.events.filter((e) => e.uid !== uid);
    expect(others(second)).toEqual(others(first));
    expect(second.events.find((e) => e.uid === uid)!.sequence).toBe(
      first.events.find((e) => e.uid === uid)!.sequence + 1,
    );
  });
});
