import { describe, expect, it } from 'vitest';
import type { Violation, ViolationCode } from '../../src/domain/violations.js';
import { VIOLATION_CODES } from '../../src/domain/violations.js';
import { translator, type Language } from '../../src/i18n/index.js';
import { describeViolation, type ViolationContext } from '../../src/i18n/violations.js';

// Tuesday 8 December 2026, Paris = UTC+1.
const at = (hour: number, minute = 0, day = 8) => Date.UTC(2026, 11, day, hour - 1, minute);

const SAMPLES: { [C in ViolationCode]: Extract<Violation, { code: C }> } = {
  invalid_interval: { code: 'invalid_interval', start: at(11), end: at(10) },
  invalid_headcount: { code: 'invalid_headcount', headcount: 0 },
  invalid_local_time: { code: 'invalid_local_time', input: '2026-13-01T10:00' },
  nonexistent_local_time: { code: 'nonexistent_local_time', local: '2027-03-28T02:30', zone: 'Europe/Paris' },
  outside_opening_hours: {
    code: 'outside_opening_hours',
    localDate: '2026-12-08',
    zone: 'Europe/Paris',
    periods: [{ opens: '08:30', closes: '19:00' }],
  },
  closed: {
    code: 'closed',
    closureId: 1,
    reason: 'Noël',
    start: Date.UTC(2026, 11, 24, 23),
    end: Date.UTC(2026, 11, 25, 23),
    siteWide: true,
  },
  slot_misaligned: { code: 'slot_misaligned', stepMinutes: 15 },
  invalid_half_day: {
    code: 'invalid_half_day',
    localDate: '2026-12-08',
    allowed: [
      { part: 'morning', start: '08:30', end: '13:00' },
      { part: 'afternoon', start: '13:00', end: '19:00' },
      { part: 'full_day', start: '08:30', end: '19:00' },
    ],
  },
  too_short: { code: 'too_short', limitMinutes: 15, requestedMinutes: 10 },
  too_long: { code: 'too_long', limitMinutes: 240, requestedMinutes: 300 },
  too_late_to_book: { code: 'too_late_to_book', minNoticeMinutes: 2880, earliestStart: at(10, 0, 10) },
  beyond_horizon: {
    code: 'beyond_horizon',
    horizonDays: 56,
    lastBookableDate: '2027-02-01',
    horizonEnd: Date.UTC(2027, 1, 1, 23),
  },
  conflict: { code: 'conflict', bookingId: 4, start: at(10), end: at(11) },
  buffer: { code: 'buffer', bookingId: 4, start: at(10), end: at(11), bufferBeforeMinutes: 0, bufferAfterMinutes: 15 },
  capacity_full: { code: 'capacity_full', placesLeft: 0, sharedPlaces: 20, headcount: 2 },
  over_capacity: { code: 'over_capacity', capacity: 6, headcount: 9 },
  linked_resource_busy: {
    code: 'linked_resource_busy',
    resourceId: 9,
    resourceName: 'Espace événementiel',
    bookingId: 5,
    start: at(18),
    end: at(21),
  },
  already_booked_elsewhere: {
    code: 'already_booked_elsewhere',
    bookingId: 6,
    resourceId: 2,
    resourceName: 'Poste FE-03',
    start: at(8, 30),
    end: at(13),
  },
  quota_exceeded: { code: 'quota_exceeded', unit: 'minutes', limit: 600, used: 480, requested: 180 },
  induction_required: { code: 'induction_required', resourceId: 3, kind: 'digital_studio' },
};

const APPIA = { name: 'Salle Louis Appia', nameEn: 'Louis Appia room', nameGender: 'f' } as const;

const say = (v: Violation, lang: Language, resource: ViolationContext['resource'] = APPIA) =>
  describeViolation(v, {
    t: translator(lang),
    lang,
    zone: 'Europe/Paris',
    resource,
    requestStart: at(10),
    closureReason: (id) => (id === 1 && lang === 'en' ? 'Christmas Day' : undefined),
  });

describe('refusal messages', () => {
  it.each(VIOLATION_CODES.flatMap((code) => (['fr', 'en'] as const).map((lang) => [code, lang] as const)))(
    '%s in %s is a complete sentence',
    (code, lang) => {
      const text = say(SAMPLES[code], lang);
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/\{\w+\}/);
      expect(text).not.toContain('violation.');
      expect(text).not.toBe(say(SAMPLES[code], lang === 'fr' ? 'en' : 'fr'));
    },
  );

  it.each([
    ['conflict', 'fr', 'Salle Louis Appia est déjà réservée de 10:00 à 11:00.'],
    ['conflict', 'en', 'Louis Appia room is already booked from 10:00 to 11:00.'],
    ['closed', 'fr', 'Fermé le 25 décembre : Noël.'],
    ['closed', 'en', 'Closed on 25 December: Christmas Day.'],
    [
      'nonexistent_local_time',
      'fr',
      'L’heure 02:30 du dimanche 28 mars n’existe pas à Paris : ce jour-là, les horloges avancent d’une heure. Choisissez une autre heure.',
    ],
    [
      'invalid_half_day',
      'fr',
      'Ce poste se réserve par demi-journée : le matin (08:30–13:00), l’après-midi (13:00–19:00), la journée (08:30–19:00).',
    ],
    [
      'quota_exceeded',
      'fr',
      'Le forfait de votre organisation est de 10 heures de salle par mois : 8 heures déjà réservées, 3 heures demandées.',
    ],
    ['outside_opening_hours', 'en', 'Louis Appia room is open on Tuesday 8 December from 08:30–19:00.'],
    [
      'too_late_to_book',
      'fr',
      'Il faut réserver au moins 2 jours à l’avance : le premier début possible est jeu. 10 déc., 10:00.',
    ],
    ['capacity_full', 'fr', 'Salle Louis Appia est complète à ce moment-là (20 places).'],
  ] as const)('%s in %s reads: %s', (code, lang, expected) => {
    expect(say(SAMPLES[code], lang)).toBe(expected);
  });

  it('shows the date of a conflicting booking on another day', () => {
    expect(say({ code: 'conflict', bookingId: 1, start: at(10, 0, 9), end: at(11, 0, 9) }, 'fr')).toBe(
      'Salle Louis Appia est déjà réservée de mer. 9 déc., 10:00 à mer. 9 déc., 11:00.',
    );
  });

  it('agree in French with the gender of each name, and name resources in English in English', () => {
    const studio = { name: 'Studio numérique', nameEn: 'Digital studio', nameGender: 'm' } as const;
    const hall = { name: 'Espace événementiel', nameEn: 'Event space', nameGender: 'm' } as const;
    const linked = (lang: Language, other: ViolationContext['resource']) =>
      describeViolation(SAMPLES.linked_resource_busy, {
        t: translator(lang),
        lang,
        zone: 'Europe/Paris',
        resource: APPIA,
        linkedName: () => other,
        requestStart: at(10),
      });
    expect(say(SAMPLES.conflict, 'fr', studio)).toBe('Studio numérique est déjà réservé de 10:00 à 11:00.');
    expect(say(SAMPLES.induction_required, 'fr', studio)).toContain('Studio numérique est réservé aux');
    expect(say(SAMPLES.induction_required, 'fr')).toContain('Salle Louis Appia est réservée');
    expect(linked('fr', hall)).toBe(
      'Espace événementiel est réservé de 18:00 à 21:00, et il bloque aussi Salle Louis Appia.',
    );
    expect(linked('fr', { ...APPIA, name: 'Salle Henry Dunant' })).toContain(
      'est réservée de 18:00 à 21:00, et elle bloque',
    );
    expect(linked('en', hall)).toBe('Event space is booked from 18:00 to 21:00, and it blocks Louis Appia room too.');
  });
});
