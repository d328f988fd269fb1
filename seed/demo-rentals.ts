// Demo rental requests, one in each state, for trying the staff queue and the requester's
// page: written through the rental service (so holds, history and mails are what the app
// writes), on weekdays a few weeks around the seed's day. Written once: a second run finds
// requests and writes nothing. Never in production (with the demo day).
import type { Config } from '../src/config.js';
import type { Db } from '../src/db/connection.js';
import { createRentalOptionJob } from '../src/jobs/rental-options.js';
import { addDays, weekdayOf } from '../src/domain/local-date.js';
import { localDateOf } from '../src/domain/zoned-time.js';
import { buildServices } from '../src/services/index.js';
import type { Actor } from '../src/services/authz.js';
import type { RentalForm } from '../src/domain/rental-request.js';

const DAY = 86_400_000;

interface DemoRental {
  organisation: string;
  kind: RentalForm['kind'];
  title: string;
  /** Days from the day it was written to the event (moved on to a weekday). */
  inDays: number;
  steps: ('quote' | 'accept' | 'confirm' | 'decline' | 'cancel' | 'option')[];
  /** Written this many days before the seed's day (for held and expired ones). */
  writtenDaysAgo?: number;
}

const DEMO: DemoRental[] = [
  {
    organisation: 'Collectif Quartiers Solidaires',
    kind: 'association',
    title: 'Assemblée générale',
    inDays: 30,
    steps: [],
  },
  { organisation: 'Innov’Santé SAS', kind: 'company', title: 'Séminaire d’équipe', inDays: 32, steps: ['quote'] },
  {
    organisation: 'Mairie de Montrouge',
    kind: 'public_body',
    title: 'Forum de l’emploi',
    inDays: 34,
    steps: ['quote', 'accept'],
  },
  {
    organisation: 'Unité locale de Malakoff',
    kind: 'red_cross',
    title: 'Formation PSC1',
    inDays: 36,
    steps: ['quote', 'confirm'],
  },
  {
    organisation: 'Start-up Nation Verte',
    kind: 'company',
    title: 'Lancement produit',
    inDays: 38,
    steps: ['decline'],
  },
  {
    organisation: 'Ateliers du Lien',
    kind: 'association',
    title: 'Projection-débat',
    inDays: 40,
    steps: ['quote', 'cancel'],
  },
  {
    organisation: 'Festival des Possibles',
    kind: 'association',
    title: 'Soirée de clôture',
    inDays: 10,
    steps: ['quote', 'confirm'],
    writtenDaysAgo: 30,
  },
  {
    organisation: 'Cabinet Conseil Horizon',
    kind: 'company',
    title: 'Petit-déjeuner clients',
    inDays: 12,
    steps: ['quote', 'option'],
    writtenDaysAgo: 20,
  },
];

const isWeekday = (date: string) => weekdayOf(date) >= 1 && weekdayOf(date) <= 5;

export function seedDemoRentals(db: Db, config: Config, now: number): number {
  const existing = db.$client.prepare('SELECT count(*) FROM rental_requests').pluck().get() as number;
  if (existing > 0) return 0;
  const admin = db.$client.prepare("SELECT id FROM members WHERE role = 'admin' ORDER BY id LIMIT 1").pluck().get() as
    number | undefined;
  if (admin === undefined) return 0;
  const actor: Actor = { id: admin, role: 'admin', organisationIds: [], leadOf: [], inductions: [] };
  let current = now;
  const services = buildServices({ db, clock: { now: () => current }, config, outbox: { kick() {} } });
  const { rentals } = services;
  const zone = services.inventory.get().site.timezone;
  let written = 0;
  DEMO.forEach((demo, i) => {
    current = now - (demo.writtenDaysAgo ?? 0) * DAY;
    let date = addDays(localDateOf(current, zone), demo.inDays);
    while (!isWeekday(date)) date = addDays(date, 1);
    const form: RentalForm = {
      organisation: demo.organisation,
      kind: demo.kind,
      contactName: `Contact ${i + 1}`,
      email: `location${i + 1}@demo.21.example.org`,
      phone: '01 23 45 67 89',
      title: demo.title,
      date,
      start: '18:00',
      end: '21:00',
      layout: 'cabaret',
      headcount: '60',
      purpose: 'Demande de démonstration.',
      isPublic: i % 2 === 0,
      options: i % 3 === 0 ? ['av_technician'] : [],
      consent: true,
    };
    const sent = rentals.submit(form, i % 4 === 3 ? 'en' : 'fr', `demo-${i}`);
    if (!sent.ok) return;
    written++;
    const id = sent.rental.id;
    for (const step of demo.steps) {
      if (step === 'quote') rentals.quote(actor, id);
      if (step === 'accept') rentals.accept(sent.token);
      if (step === 'confirm') rentals.confirm(actor, id);
      if (step === 'decline') rentals.decline(actor, id, 'L’espace est réservé pour un événement interne ce jour-là.');
      if (step === 'cancel') rentals.cancel(sent.token);
      if (step === 'option') rentals.option(actor, id, addDays(localDateOf(current, zone), 2));
    }
  });
  // Time passes to the seed's day: the past event is held, the lapsed option expired.
  current = now;
  createRentalOptionJob({ db, clock: { now: () => current }, rentals, outbox: { kick() {} } }).runOnce();
  return written;
}
