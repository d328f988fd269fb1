// The benchmark's database: the real seed and demo accounts, members and organisations,
// a near future that looks like a working site (the day the views show, free slots for
// `create` and for the Monday mix, bookings to cancel), then N bookings of history written
// fast with prepared INSERTs in big transactions.
//
// History is one site running at a steady 55 bookings a working day: 10 k is the last
// eight months of Montrouge, 100 k is two years of it plus two and a half more sites, 1 M is
// about 35 sites of two years (copies of Montrouge's inventory; the app shows only the first
// site, the others only weigh on the tables and indexes). Every booking of an exclusive
// resource is built disjoint from the others of its resource (desk half-days, a partition
// of each room's day into blocks) and is inserted with the overlap trigger in place, which
// would abort the build on the first overlap.
import fs from 'node:fs';
import { loadConfig } from '../src/config.js';
import { closeDatabase, openDatabase, type Db } from '../src/db/connection.js';
import { addDays, weekdayOf, type LocalDate } from '../src/domain/local-date.js';
import { localDateOf, startOfLocalDate } from '../src/domain/zoned-time.js';
import { hashPassword } from '../src/services/passwords.js';
import { seedAll } from '../seed/index.js';

export const BENCH_PASSWORD = 'bench-password-21-long';
export const MEMBERS_PER_SITE = 150;
const MEMBERS_PER_ORG = 5;
export const BOOKINGS_PER_SITE_DAY = 55;
const HISTORY_CALENDAR_DAYS = 730;
const MINUTE = 60_000;
const OPEN = 8 * 60 + 30;
const CLOSE = 19 * 60;
const SPLIT = 13 * 60;
/** Members who book in the write scenarios: one per organisation (index 5k of site 1). */
export const BOOKERS = 16;
/** Members who read (day views, my bookings, feeds). */
export const READERS = 8;
/** Bookings made beforehand for `cancel` to cancel, owned by the bookers. */
const CANCELLABLE = 12_000;
/** Members of the Monday mix: members 1-4 of the bookers' organisations (their plans cannot run out). */
export const MIX_MEMBERS = 50;
/** Bookings made beforehand for the Monday mix to cancel, owned by its members. */
const MIX_CANCELLABLE = 1_500;
/** Days ahead that the mix looks at and books in; `create` books rooms after them. */
const MIX_DAYS = 14;
/** Events in the personal feed of `feed_full` and `feed_304`. */
export const FEED_EVENTS = 500;
/** The feed's member (site 1); history leaves them out, so their feed holds exactly FEED_EVENTS. */
const FEED_MEMBER = (BOOKERS + READERS) * MEMBERS_PER_ORG + 2;
/** Site 1's desk held by the feed's member every working day (history leaves it to them). */
const FEED_DESK = 'poste-fe-12';
/** The feed window of src/services/feeds.ts (60 days back, 18 months ahead), a day inside each edge. */
const FEED_BACK_DAYS = 59;
const FEED_AHEAD_DAYS = 546;

export interface Slot {
  resourceId: number;
  start: string;
  end: string;
}

export interface Person {
  id: number;
  email: string;
}

export interface Fixture {
  now: number;
  /** The day the views show (a busy working day soon). */
  viewDate: LocalDate;
  /** The front desk's busy day: every desk's two half-days and ten meetings in each room (206 bookings). */
  boardDate: LocalDate;
  /** The front-desk account that opens the board. */
  frontDesk: Person;
  bookers: Person[];
  readers: Person[];
  /** A member with FEED_EVENTS bookings in their feed's window. */
  feedMember: Person;
  /** Free slots for `create`, in the order they are asked for; each booker's own desk slots are marked. */
  createSlots: (Slot & { booker?: number })[];
  /** The one slot every `create_refused` request asks for. */
  refusedSlot: Slot;
  /** Bookings `cancel` cancels, with their owner (index into bookers). */
  cancellable: { id: number; booker: number }[];
  /** The Monday mix's members. */
  mixMembers: Person[];
  /** The dates the mix's day views show: the open days of the next two weeks. */
  mixDates: LocalDate[];
  /** Free slots of the next two weeks only the mix books, in its order, with their member (index into mixMembers). */
  mixSlots: (Slot & { member: number })[];
  /** Bookings of the mix's members that it cancels (member: index into mixMembers). */
  mixCancellable: { id: number; member: number }[];
}

/** Deterministic numbers, so two runs build the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

interface ResourceRow {
  id: number;
  kind: string;
  slug: string;
}

function siteResources(db: Db, siteId: number): ResourceRow[] {
  return db.$client
    .prepare('SELECT id, kind, slug FROM resources WHERE site_id = ? ORDER BY sort_order, id')
    .all(siteId) as ResourceRow[];
}

function insertMembers(
  db: Db,
  site: number,
  passwordHash: string,
  now: number,
): { members: number[]; orgOf: Map<number, number> } {
  const client = db.$client;
  const addOrg = client.prepare(
    `INSERT INTO organisations (name, kind, programme, starts_on, ends_on, quota_room_minutes_per_month,
       quota_desk_half_days_per_month, created_at)
     VALUES (?, ?, ?, '2024-01-01', NULL, ?, ?, ?)`,
  );
  const addMember = client.prepare(
    `INSERT INTO members (email, name, password_hash, role, language, created_at, updated_at)
     VALUES (?, ?, ?, 'member', ?, ?, ?)`,
  );
  const addMembership = client.prepare(
    'INSERT INTO memberships (member_id, organisation_id, is_lead) VALUES (?, ?, ?)',
  );
  const kinds = ['association', 'social_enterprise', 'public_body', 'red_cross_unit', 'company'];
  const programmes = ['intrapreneurship', 'entrepreneurship', 'oeth', 'impact_data', 'coworking'];
  const members: number[] = [];
  const orgOf = new Map<number, number>();
  const orgs = MEMBERS_PER_SITE / MEMBERS_PER_ORG;
  for (let o = 0; o < orgs; o++) {
    // Site 1's first organisations hold the bookers: a plan large enough for a benchmark's
    // thousands of bookings, so the quota rule runs on every request without refusing.
    const big = site === 1 && o < BOOKERS;
    const rooms = big ? 1_000_000 : o % 3 === 0 ? null : o % 3 === 1 ? 600 : 1200;
    const desks = big ? 100_000 : o % 3 === 0 ? null : o % 3 === 1 ? 20 : 40;
    const org = Number(
      addOrg.run(
        `Organisation ${site}-${o}`,
        kinds[o % kinds.length],
        programmes[o % programmes.length],
        rooms,
        desks,
        now,
      ).lastInsertRowid,
    );
    for (let i = 0; i < MEMBERS_PER_ORG; i++) {
      const n = o * MEMBERS_PER_ORG + i;
      const id = Number(
        addMember.run(memberEmail(site, n), `Membre ${site}-${n}`, passwordHash, n % 7 === 0 ? 'en' : 'fr', now, now)
          .lastInsertRowid,
      );
      addMembership.run(id, org, i === 0 ? 1 : 0);
      members[n] = id;
      orgOf.set(id, org);
    }
  }
  return { members, orgOf };
}

export function memberEmail(site: number, n: number): string {
  return `m${site}-${String(n).padStart(3, '0')}@bench.21.example.org`;
}

/** Working days of the site (Monday to Friday) without a site-wide closure. */
function openDays(db: Db, zone: string, from: LocalDate, to: LocalDate): LocalDate[] {
  const closures = db.$client
    .prepare('SELECT starts_at AS s, ends_at AS e FROM closures WHERE resource_id IS NULL')
    .all() as { s: number; e: number }[];
  const days: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (weekdayOf(d) > 5) continue;
    const open = startOfLocalDate(d, zone) + OPEN * MINUTE;
    const close = startOfLocalDate(d, zone) + CLOSE * MINUTE;
    if (closures.some((c) => c.s < close && c.e > open)) continue;
    days.push(d);
  }
  return days;
}

function insertStatement(db: Db) {
  return db.$client.prepare(
    `INSERT INTO bookings (resource_id, member_id, booked_by_id, organisation_id, starts_at, ends_at, headcount,
       status, title,
       is_public, version, created_at, updated_at, cancelled_at, checked_in_at)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, 0, ?, ?, ?, ?, ?)`,
  );
}

/**
 * A new database with the real seed (inventory of 21, demo accounts), site 1's members and
 * organisations, and the near future the scenarios work on. Copied for each history size.
 */
export async function buildBase(file: string, now: number): Promise<Fixture> {
  const config = {
    ...loadConfig({ NODE_ENV: 'development', DEMO_PASSWORD: BENCH_PASSWORD, DEMO_DAY: 'false' }),
    databasePath: file,
  };
  const db = openDatabase(file);
  try {
    await seedAll(db, config, now);
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const client = db.$client;
    const zone = (client.prepare('SELECT timezone FROM sites WHERE id = 1').get() as { timezone: string }).timezone;
    const resources = siteResources(db, 1);
    const desks = resources.filter((r) => r.kind === 'desk' && r.slug !== FEED_DESK);
    const feedDesk = resources.find((r) => r.slug === FEED_DESK)!;
    const rooms = resources.filter((r) => r.kind === 'meeting_room');
    const today = localDateOf(now, zone);
    const random = prng(21);

    return client.transaction((): Fixture => {
      const { members, orgOf } = insertMembers(db, 1, passwordHash, now);
      const bookers = Array.from({ length: BOOKERS }, (_, i) => ({
        id: members[i * MEMBERS_PER_ORG]!,
        email: memberEmail(1, i * MEMBERS_PER_ORG),
      }));
      // Readers belong to ordinary organisations (plans of 10 or 20 hours, or none).
      const readers = Array.from({ length: READERS }, (_, i) => ({
        id: members[(BOOKERS + i) * MEMBERS_PER_ORG + 1]!,
        email: memberEmail(1, (BOOKERS + i) * MEMBERS_PER_ORG + 1),
      }));
      const feedMember = { id: members[FEED_MEMBER]!, email: memberEmail(1, FEED_MEMBER) };
      const mixMembers = Array.from({ length: MIX_MEMBERS }, (_, i) => {
        const n = Math.floor(i / 4) * MEMBERS_PER_ORG + 1 + (i % 4);
        return { id: members[n]!, email: memberEmail(1, n) };
      });
      const bookerIds = new Set([...bookers.map((b) => b.id), feedMember.id, ...mixMembers.map((m) => m.id)]);
      const others = members.filter((id) => !bookerIds.has(id));
      const insert = insertStatement(db);
      const add = (resourceId: number, memberId: number, date: LocalDate, from: number, to: number, title = '') => {
        const midnight = startOfLocalDate(date, zone);
        const created = now - Math.floor(random() * 7 * 24 * 60) * MINUTE;
        return Number(
          insert.run(
            resourceId,
            memberId,
            memberId,
            orgOf.get(memberId) ?? null,
            midnight + from * MINUTE,
            midnight + to * MINUTE,
            'confirmed',
            title,
            0,
            created,
            created,
            null,
            null,
          ).lastInsertRowid,
        );
      };

      const days = openDays(db, zone, addDays(today, 1), addDays(today, 56));
      const viewDate = days.find((d) => d >= addDays(today, 2))!;
      const refusedRoom = rooms[1]!;
      const refusedSlot = {
        resourceId: refusedRoom.id,
        start: `${viewDate}T${hhmm(OPEN + 120)}`,
        end: `${viewDate}T${hhmm(OPEN + 180)}`,
      };
      const createSlots: Fixture['createSlots'] = [];
      const mixSlots: Fixture['mixSlots'] = [];
      const mixTo = addDays(today, MIX_DAYS);
      const createFrom = addDays(today, 3);
      const createTo = addDays(today, 55);
      const member = () => Math.floor(random() * MIX_MEMBERS);
      // Rooms: an hour block is taken by someone else (a quarter of them in the next two
      // weeks, half on the day the views show, an eighth later on); the free ones are cut into
      // quarter-hours, for the mix in the next two weeks and for `create` after them. Salle
      // Dunant keeps 15 minutes after each booking, so it gets no back-to-back slots.
      days.forEach((date, dayIndex) => {
        rooms.forEach((room, r) => {
          for (let p = 0; p < 10; p++) {
            const from = OPEN + p * 60;
            const busy =
              date === viewDate
                ? (p + r) % 2 === 0 && !(room.id === refusedRoom.id && p === 2)
                : (p + r + dayIndex) % (date <= mixTo ? 4 : 8) === 0;
            if (busy) add(room.id, others[Math.floor(random() * others.length)]!, date, from, from + 60, 'Réunion');
            else if (date !== viewDate && date <= createTo && room.slug !== 'salle-dunant') {
              for (let q = 0; q < 4; q++) {
                const slot = {
                  resourceId: room.id,
                  start: `${date}T${hhmm(from + q * 15)}`,
                  end: `${date}T${hhmm(from + q * 15 + 15)}`,
                };
                if (date <= mixTo) mixSlots.push({ ...slot, member: member() });
                else createSlots.push(slot);
              }
            }
          }
        });
      });
      // Desks: each day a quarter of them are taken for the whole day, a quarter for the
      // morning and a quarter for the afternoon (so half of every half-day), each by a
      // different member, within the two weeks desks can be booked; every booker then gets
      // one free desk per half-day, and the mix the others, each to a different member (one
      // desk per member at a time).
      const deskDays = days.filter((d) => d <= mixTo);
      deskDays.forEach((date, dayIndex) => {
        const free: [number[], number[]] = [[], []];
        desks.forEach((desk, k) => {
          const who = others[(dayIndex * 11 + k) % others.length]!;
          const pattern = (k + dayIndex) % 4;
          if (pattern === 0) add(desk.id, who, date, OPEN, CLOSE);
          if (pattern === 1) add(desk.id, who, date, OPEN, SPLIT);
          if (pattern === 2) add(desk.id, who, date, SPLIT, CLOSE);
          if (pattern === 2 || pattern === 3) free[0].push(desk.id);
          if (pattern === 1 || pattern === 3) free[1].push(desk.id);
        });
        if (date === viewDate) return;
        for (const [h, from, to] of [
          [0, OPEN, SPLIT],
          [1, SPLIT, CLOSE],
        ] as const) {
          const slot = (resourceId: number) => ({
            resourceId,
            start: `${date}T${hhmm(from)}`,
            end: `${date}T${hhmm(to)}`,
          });
          const forBookers = date >= createFrom ? BOOKERS : 0;
          free[h].slice(0, forBookers).forEach((id, b) => createSlots.push({ ...slot(id), booker: b }));
          const first = member();
          free[h]
            .slice(forBookers, forBookers + MIX_MEMBERS)
            .forEach((id, k) => mixSlots.push({ ...slot(id), member: (first + k) % MIX_MEMBERS }));
        }
      });
      // Spread the request order over days and rooms, as many people booking at once would.
      shuffle(createSlots, random);
      shuffle(mixSlots, random);

      // Bookings to cancel, on quarter-hours four months ahead: the bookers' own for `cancel`,
      // then the mix members' own.
      const cancellable: Fixture['cancellable'] = [];
      const mixCancellable: Fixture['mixCancellable'] = [];
      const later = openDays(db, zone, addDays(today, 120), addDays(today, 240));
      outer: for (const date of later) {
        for (const room of rooms) {
          for (let c = 0; c < (CLOSE - OPEN) / 15; c++) {
            const from = OPEN + c * 15;
            if (cancellable.length < CANCELLABLE) {
              const booker = cancellable.length % BOOKERS;
              cancellable.push({ id: add(room.id, bookers[booker]!.id, date, from, from + 15, 'Point'), booker });
            } else if (mixCancellable.length < MIX_CANCELLABLE) {
              const m = mixCancellable.length % MIX_MEMBERS;
              mixCancellable.push({ id: add(room.id, mixMembers[m]!.id, date, from, from + 15, 'Point'), member: m });
            } else break outer;
          }
        }
      }
      // The feed's member: their desk every working morning of the feed's window, and
      // afternoons as well on the first days until the feed holds FEED_EVENTS bookings.
      const feedDays = openDays(db, zone, addDays(today, -FEED_BACK_DAYS), addDays(today, FEED_AHEAD_DAYS));
      let feedEvents = 0;
      for (const [from, to] of [
        [OPEN, SPLIT],
        [SPLIT, CLOSE],
      ] as const) {
        for (const date of feedDays) {
          if (feedEvents === FEED_EVENTS) break;
          add(feedDesk.id, feedMember.id, date, from, to);
          feedEvents++;
        }
      }
      if (feedEvents !== FEED_EVENTS) throw new Error(`the feed holds ${feedEvents} bookings, not ${FEED_EVENTS}`);
      const mixDates = openDays(db, zone, today, addDays(today, MIX_DAYS - 1));
      // The front desk's day, after every date the other scenarios book or show: each desk
      // morning and afternoon to a different member, each room ten 45-minute meetings.
      const boardDate = openDays(db, zone, addDays(today, 60), addDays(today, 90))[0]!;
      desks.forEach((desk, k) => {
        add(desk.id, others[(2 * k) % others.length]!, boardDate, OPEN, SPLIT);
        add(desk.id, others[(2 * k + 1) % others.length]!, boardDate, SPLIT, CLOSE);
      });
      rooms.forEach((room, r) => {
        for (let p = 0; p < 10; p++)
          add(room.id, others[(r * 10 + p) % others.length]!, boardDate, OPEN + p * 60, OPEN + p * 60 + 45, 'Réunion');
      });
      const frontDesk = client
        .prepare(`SELECT id, email FROM members WHERE role = 'frontdesk' LIMIT 1`)
        .get() as Person;
      return {
        now,
        viewDate,
        boardDate,
        frontDesk,
        bookers,
        readers,
        feedMember,
        createSlots,
        refusedSlot,
        cancellable,
        mixMembers,
        mixDates,
        mixSlots,
        mixCancellable,
      };
    })();
  } finally {
    closeDatabase(db);
  }
}

/** Copies of site 1 (zones, resources, opening hours) as sites 2..n, with their members. */
function addSites(db: Db, count: number, passwordHash: string, now: number): void {
  const client = db.$client;
  const site = client.prepare('SELECT * FROM sites WHERE id = 1').get() as {
    name: string;
    timezone: string;
    address: string;
  };
  for (let s = 2; s <= count; s++) {
    const id = Number(
      client
        .prepare('INSERT INTO sites (slug, name, timezone, address, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(`site-${s}`, `${site.name} (${s})`, site.timezone, site.address, now).lastInsertRowid,
    );
    client
      .prepare(
        `INSERT INTO zones (site_id, slug, name, name_en, floor, sort_order)
         SELECT ?, slug, name, name_en, floor, sort_order FROM zones WHERE site_id = 1`,
      )
      .run(id);
    client
      .prepare(
        `INSERT INTO resources (site_id, zone_id, kind, slug, name, description, description_en, capacity, equipment,
         accessibility, layouts, shape, slot_step_minutes, min_duration_minutes, max_duration_minutes, horizon_days,
         min_notice_minutes, buffer_before_minutes, buffer_after_minutes, approval_required, check_in_grace_minutes,
         capacity_model, shared_places, induction_required, half_day_split, active, sort_order)
       SELECT ?,
         (SELECT z2.id FROM zones z1 JOIN zones z2 ON z2.slug = z1.slug AND z2.site_id = ? WHERE z1.id = r.zone_id),
         kind, slug, name, description, description_en, capacity, equipment, accessibility, layouts, shape,
         slot_step_minutes, min_duration_minutes, max_duration_minutes, horizon_days, min_notice_minutes,
         buffer_before_minutes, buffer_after_minutes, approval_required, check_in_grace_minutes, capacity_model,
         shared_places, induction_required, half_day_split, active, sort_order
       FROM resources r WHERE site_id = 1`,
      )
      .run(id, id);
    client
      .prepare(
        `INSERT INTO opening_hours (site_id, resource_id, weekday, opens, closes)
       SELECT ?,
         (SELECT r2.id FROM resources r1 JOIN resources r2 ON r2.slug = r1.slug AND r2.site_id = ?
          WHERE r1.id = o.resource_id),
         weekday, opens, closes
       FROM opening_hours o WHERE site_id = 1`,
      )
      .run(id, id);
    insertMembers(db, s, passwordHash, now);
  }
}

export interface HistoryReport {
  bookings: number;
  sites: number;
  ms: number;
}

/**
 * Adds `total` bookings of history before today, most recent first: site 1 first, then
 * further sites, each at BOOKINGS_PER_SITE_DAY a working day over two years.
 */
export async function addHistory(file: string, total: number, now: number): Promise<HistoryReport> {
  const started = performance.now();
  const db = openDatabase(file);
  const client = db.$client;
  // A bulk load into a file that is thrown away if the process dies: journals in memory
  // (the trigger makes each INSERT keep a statement journal, on disk by default), no sync.
  // The server puts the file back in WAL mode when it opens it.
  client.pragma('journal_mode = DELETE');
  client.pragma('journal_mode = MEMORY');
  client.pragma('temp_store = MEMORY');
  client.pragma('synchronous = OFF');
  client.pragma('cache_size = -262144');
  client.pragma('mmap_size = 1073741824');
  try {
    const zone = (client.prepare('SELECT timezone FROM sites WHERE id = 1').get() as { timezone: string }).timezone;
    const today = localDateOf(now, zone);
    const days: LocalDate[] = [];
    for (let d = addDays(today, -1); d >= addDays(today, -HISTORY_CALENDAR_DAYS); d = addDays(d, -1))
      if (weekdayOf(d) <= 5) days.push(d);
    const perSite = days.length * BOOKINGS_PER_SITE_DAY;
    const sites = Math.max(1, Math.ceil(total / perSite));
    const passwordHash = (
      client.prepare('SELECT password_hash AS h FROM members WHERE email = ?').get(memberEmail(1, 0)) as { h: string }
    ).h;
    client.transaction(() => addSites(db, sites, passwordHash, now))();

    const midnights = days.map((d) => startOfLocalDate(d, zone));
    const insert = insertStatement(db);
    const random = prng(total);
    const titles = ['Réunion', "Point d'équipe", 'Atelier', 'Entretien', 'Comité', ''];
    const memberRows = client.prepare(
      `SELECT m.id, ms.organisation_id AS org FROM members m JOIN memberships ms ON ms.member_id = m.id
       WHERE m.email LIKE ? AND m.email <> ? ORDER BY m.email`,
    );
    let written = 0;
    const BATCH = 100_000;
    let inBatch = 0;
    client.exec('BEGIN IMMEDIATE');
    for (let s = 1; s <= sites && written < total; s++) {
      const people = memberRows.all(`m${s}-%`, memberEmail(1, FEED_MEMBER)) as { id: number; org: number }[];
      // The candidates of one day: every desk's morning and afternoon, each room's day cut
      // into consecutive meetings, the studios' hours. Disjoint per resource by construction.
      const resources = siteResources(db, s);
      const candidates: [resourceId: number, from: number, to: number, room: boolean][] = [];
      const layout = prng(s * 7919);
      for (const r of resources) {
        if (s === 1 && r.slug === FEED_DESK) continue;
        if (r.kind === 'desk') {
          candidates.push([r.id, OPEN, SPLIT, false], [r.id, SPLIT, CLOSE, false]);
        } else if (r.kind === 'meeting_room' || r.kind === 'digital_studio' || r.kind === 'vr_studio') {
          const lengths = r.kind === 'meeting_room' ? [30, 60, 60, 90, 120] : [60, 120, 180];
          for (let from = r.kind === 'meeting_room' ? OPEN : 9 * 60; ;) {
            const to = Math.min(CLOSE, from + lengths[Math.floor(layout() * lengths.length)]!);
            if (to - from < 30) break;
            candidates.push([r.id, from, to, true]);
            from = to;
          }
        }
      }
      const order = candidates.map((_, i) => i);
      for (let d = 0; d < days.length && written < total; d++) {
        // Partial shuffle: the first k of `order` are a random pick of k distinct candidates.
        const k = Math.min(BOOKINGS_PER_SITE_DAY, total - written);
        for (let i = 0; i < k; i++) {
          const j = i + Math.floor(random() * (order.length - i));
          const t = order[i]!;
          order[i] = order[j]!;
          order[j] = t;
        }
        const midnight = midnights[d]!;
        for (let i = 0; i < k; i++) {
          const [resourceId, from, to, room] = candidates[order[i]!]!;
          const person = people[Math.floor(random() * people.length)]!;
          const start = midnight + from * MINUTE;
          const end = midnight + to * MINUTE;
          const created = start - Math.floor(random() * 14 * 24 * 60) * MINUTE;
          const u = random();
          const status = u < 0.84 ? 'confirmed' : u < 0.96 ? 'cancelled' : 'released';
          const changed =
            status === 'confirmed' ? created : Math.min(start, created + Math.floor(random() * 3 * 24 * 60) * MINUTE);
          insert.run(
            resourceId,
            person.id,
            person.id,
            person.org,
            start,
            end,
            status,
            room ? titles[i % titles.length]! : '',
            status === 'confirmed' ? 0 : 1,
            created,
            changed,
            status === 'cancelled' ? changed : null,
            status === 'confirmed' && !room && random() < 0.8 ? start + Math.floor(random() * 30) * MINUTE : null,
          );
          written++;
          if (++inBatch === BATCH) {
            client.exec('COMMIT');
            client.exec('BEGIN IMMEDIATE');
            inBatch = 0;
          }
        }
      }
    }
    client.exec('COMMIT');
    client.pragma('journal_mode = WAL');
    return { bookings: written, sites, ms: Math.round(performance.now() - started) };
  } catch (err) {
    if (client.inTransaction) client.exec('ROLLBACK');
    throw err;
  } finally {
    closeDatabase(db);
  }
}

/** A finished base file, copied for one history size (the base stays untouched). */
export function copyDatabase(from: string, to: string): void {
  const db = openDatabase(from, { migrate: false });
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  closeDatabase(db);
  fs.copyFileSync(from, to);
}
