// The default inventory of 21 (see shared/PRODUCT.md). Pure data: seed.ts writes it.
// Everything here is editable by admins afterwards; seeding never overwrites it.
import type { EventLayout } from '../src/db/schema.js';
import type { Accessibility, BookingRules, CheckInPolicy, Equipment, ResourceKind } from '../src/domain/types.js';

export const SITE = {
  slug: 'montrouge',
  name: '21 – Montrouge',
  timezone: 'Europe/Paris',
  address: '21 rue de la Vanne, 92120 Montrouge, France (1er étage)',
  safetyCapacity: 300,
};

/** Monday to Friday, 08:30–19:00. */
export const SITE_HOURS = ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, opens: '08:30', closes: '19:00' }));

/** A rectangle on the floor plan, in plan units (the plan is 1000 × 760, north up). */
export interface PlanSeed {
  planX: number;
  planY: number;
  planWidth: number;
  planHeight: number;
}

const rect = (planX: number, planY: number, planWidth: number, planHeight: number): PlanSeed => ({
  planX,
  planY,
  planWidth,
  planHeight,
});

export interface ZoneSeed extends PlanSeed {
  slug: string;
  name: string;
  nameEn: string;
  floor: string;
  safetyCapacity: number;
}

export const ZONES: ZoneSeed[] = [
  {
    slug: 'open-space',
    name: 'Open space',
    nameEn: 'Open space',
    floor: '1er étage',
    safetyCapacity: 50,
    ...rect(20, 20, 500, 360),
  },
  {
    slug: 'zone-calme',
    name: 'Zone calme',
    nameEn: 'Quiet zone',
    floor: '1er étage',
    safetyCapacity: 15,
    ...rect(540, 20, 220, 260),
  },
  {
    slug: 'fenetres',
    name: 'Côté fenêtres',
    nameEn: 'Window side',
    floor: '1er étage',
    safetyCapacity: 15,
    ...rect(780, 20, 200, 360),
  },
  {
    slug: 'salles',
    name: 'Salles de réunion',
    nameEn: 'Meeting rooms',
    floor: '1er étage',
    safetyCapacity: 80,
    ...rect(20, 400, 960, 170),
  },
  {
    slug: 'studios',
    name: 'Studios et événements',
    nameEn: 'Studios and events',
    floor: '1er étage',
    safetyCapacity: 200,
    ...rect(20, 590, 960, 150),
  },
];

/**
 * Check-in per resource kind: a desk is released two hours after its start (10:30 for a
 * morning from 08:30), a room 15 minutes after; a member with an access need gets longer.
 */
export const CHECK_IN_POLICIES: CheckInPolicy[] = [
  { kind: 'desk', graceMinutes: 120, accessNeedGraceMinutes: 180, opensBeforeMinutes: 30 },
  { kind: 'meeting_room', graceMinutes: 15, accessNeedGraceMinutes: 30, opensBeforeMinutes: 15 },
];

export interface ResourceSeed {
  slug: string;
  kind: ResourceKind;
  zone: string;
  name: string;
  /** The English name; absent when the French one serves both (the rooms' people's names). */
  nameEn?: string;
  /** Grammatical gender of the French name, so messages agree with it ("la salle", "le poste"). */
  nameGender: 'f' | 'm';
  description: string;
  descriptionEn: string;
  capacity: number;
  equipment: Equipment[];
  accessibility: Accessibility[];
  layouts?: EventLayout[];
  rules: BookingRules;
  /** Weekly hours replacing the site's for this resource. */
  hours?: { weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; opens: string; closes: string }[];
  linkedTo?: string[];
  /** Where it is drawn on the floor plan. */
  plan?: PlanSeed;
}

const base = {
  minNoticeMinutes: 0,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  approvalRequired: false,
  checkInGraceMinutes: null,
  capacityModel: 'exclusive',
  sharedPlaces: null,
  inductionRequired: false,
  halfDaySplit: '13:00',
} satisfies Partial<BookingRules>;

export const DESK_RULES: BookingRules = {
  ...base,
  shape: 'half_day',
  slotStepMinutes: 30,
  minDurationMinutes: 270,
  maxDurationMinutes: 630,
  horizonDays: 14,
};

export const ROOM_RULES: BookingRules = {
  ...base,
  shape: 'steps',
  slotStepMinutes: 15,
  minDurationMinutes: 15,
  maxDurationMinutes: 240,
  horizonDays: 56,
};

const STUDIO_RULES: BookingRules = {
  ...base,
  shape: 'steps',
  slotStepMinutes: 60,
  minDurationMinutes: 60,
  maxDurationMinutes: 240,
  horizonDays: 28,
  inductionRequired: true,
};

const EVENT_RULES: BookingRules = {
  ...base,
  shape: 'steps',
  slotStepMinutes: 30,
  minDurationMinutes: 60,
  maxDurationMinutes: 14 * 60,
  horizonDays: 365,
  minNoticeMinutes: 2 * 24 * 60,
  bufferBeforeMinutes: 60,
  bufferAfterMinutes: 60,
  approvalRequired: true,
};

const HALL_RULES: BookingRules = {
  ...base,
  shape: 'steps',
  slotStepMinutes: 60,
  minDurationMinutes: 60,
  maxDurationMinutes: 120,
  horizonDays: 14,
  capacityModel: 'shared',
  sharedPlaces: 20,
};

function desks(): ResourceSeed[] {
  const layout: { zone: string; prefix: string; count: number; label: string; labelEn: string }[] = [
    { zone: 'open-space', prefix: 'OS', count: 40, label: 'Poste en open space', labelEn: 'Open-space desk' },
    { zone: 'zone-calme', prefix: 'ZC', count: 12, label: 'Poste en zone calme', labelEn: 'Quiet-zone desk' },
    { zone: 'fenetres', prefix: 'FE', count: 12, label: 'Poste côté fenêtres', labelEn: 'Window-side desk' },
  ];
  return layout.flatMap(({ zone, prefix, count, label, labelEn }) =>
    Array.from({ length: count }, (_, i): ResourceSeed => {
      const n = i + 1;
      const accessibility: Accessibility[] = ['step_free'];
      // A few desks in each zone are adjustable or wheelchair-accessible (nearest the aisle).
      if (n <= 2) accessibility.push('adjustable_height_desk');
      if (n === 1 || (zone === 'open-space' && n === 3)) accessibility.push('wheelchair_accessible');
      if (zone === 'zone-calme') accessibility.push('quiet');
      const equipment: Equipment[] = n % 4 === 0 ? ['dual_monitor', 'docking_station'] : ['docking_station'];
      return {
        slug: `poste-${prefix.toLowerCase()}-${String(n).padStart(2, '0')}`,
        kind: 'desk',
        zone,
        name: `Poste ${prefix}-${String(n).padStart(2, '0')}`,
        nameEn: `Desk ${prefix}-${String(n).padStart(2, '0')}`,
        nameGender: 'm',
        description: label,
        descriptionEn: labelEn,
        capacity: 1,
        equipment,
        accessibility,
        rules: DESK_RULES,
        plan: deskPlan(zone, i),
      };
    }),
  );
}

/**
 * The i-th desk of a zone on the plan: rows of desks in the open space, a block in the quiet
 * zone, two columns along the windows (approximate, from the layout of the zones).
 */
function deskPlan(zone: string, i: number): PlanSeed {
  if (zone === 'open-space') return rect(40 + (i % 8) * 59, 56 + Math.floor(i / 8) * 64, 50, 40);
  if (zone === 'zone-calme') return rect(560 + (i % 3) * 66, 56 + Math.floor(i / 3) * 54, 50, 40);
  return rect(800 + (i % 2) * 84, 56 + Math.floor(i / 2) * 52, 72, 40);
}

const ROOMS: [slug: string, name: string, capacity: number, equipment: Equipment[], accessibility: Accessibility[]][] =
  [
    [
      'salle-dunant',
      'Salle Henry Dunant',
      20,
      ['screen', 'video_conference', 'whiteboard', 'sound_system'],
      ['step_free', 'hearing_loop', 'wheelchair_accessible'],
    ],
    [
      'salle-barton',
      'Salle Clara Barton',
      14,
      ['screen', 'video_conference', 'whiteboard'],
      ['step_free', 'wheelchair_accessible'],
    ],
    ['salle-nightingale', 'Salle Florence Nightingale', 12, ['projector', 'whiteboard'], ['step_free', 'hearing_loop']],
    [
      'salle-moynier',
      'Salle Gustave Moynier',
      10,
      ['screen', 'video_conference'],
      ['step_free', 'wheelchair_accessible'],
    ],
    ['salle-dufour', 'Salle Guillaume-Henri Dufour', 8, ['screen', 'whiteboard'], ['step_free']],
    ['salle-appia', 'Salle Louis Appia', 6, ['screen', 'video_conference'], ['step_free', 'wheelchair_accessible']],
    ['salle-maunoir', 'Salle Théodore Maunoir', 4, ['screen'], ['step_free', 'quiet']],
    ['salle-dodu', 'Salle Juliette Dodu', 4, ['whiteboard'], ['quiet']],
  ];

function rooms(): ResourceSeed[] {
  return ROOMS.map(([slug, name, capacity, equipment, accessibility], i) => ({
    slug,
    kind: 'meeting_room',
    zone: 'salles',
    name,
    // "Salle Henry Dunant" reads "Henry Dunant room" in English.
    nameEn: `${name.replace(/^Salle /, '')} room`,
    nameGender: 'f',
    description: `Salle de réunion pour ${capacity} personnes.`,
    descriptionEn: `Meeting room for ${capacity} people.`,
    capacity,
    equipment,
    accessibility,
    // The largest room shares a movable partition with the event space: booking one blocks the other.
    rules: slug === 'salle-dunant' ? { ...ROOM_RULES, bufferAfterMinutes: 15 } : ROOM_RULES,
    linkedTo: slug === 'salle-dunant' ? ['espace-evenementiel'] : undefined,
    plan: rect(30 + i * 118, 440, 110, 120),
  }));
}

export function defaultInventory(): ResourceSeed[] {
  return [
    ...desks(),
    ...rooms(),
    {
      slug: 'espace-evenementiel',
      kind: 'event_space',
      zone: 'studios',
      name: 'Espace événementiel',
      nameEn: 'Event space',
      nameGender: 'm',
      description: 'Grand espace modulable pour les 21 Talks, conférences et ateliers, ouvert en soirée.',
      descriptionEn: 'Large modular space for 21 Talks, conferences and workshops, open into the evening.',
      capacity: 150,
      equipment: ['screen', 'projector', 'sound_system', 'microphone', 'video_conference'],
      accessibility: ['step_free', 'wheelchair_accessible', 'hearing_loop'],
      layouts: [
        { layout: 'theatre', capacity: 150 },
        { layout: 'cabaret', capacity: 80 },
        { layout: 'workshop', capacity: 60 },
      ],
      rules: EVENT_RULES,
      plan: rect(30, 630, 440, 100),
      hours: ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, opens: '08:30', closes: '23:00' })),
    },
    {
      slug: 'studio-numerique',
      kind: 'digital_studio',
      zone: 'studios',
      name: 'Studio numérique',
      nameEn: 'Digital studio',
      nameGender: 'm',
      description: 'Studio vidéo et podcast. Réservé aux membres formés.',
      descriptionEn: 'Video and podcast studio. For members who had the induction.',
      capacity: 4,
      equipment: ['camera', 'microphone', 'lighting', 'screen'],
      accessibility: ['step_free'],
      rules: STUDIO_RULES,
      plan: rect(480, 630, 150, 100),
    },
    {
      slug: 'studio-vr',
      kind: 'vr_studio',
      zone: 'studios',
      name: 'Studio réalité virtuelle',
      nameEn: 'VR studio',
      nameGender: 'm',
      description: 'Studio de réalité virtuelle. Réservé aux membres formés.',
      descriptionEn: 'Virtual-reality studio. For members who had the induction.',
      capacity: 4,
      equipment: ['vr_headsets', 'screen'],
      accessibility: ['step_free'],
      rules: STUDIO_RULES,
      plan: rect(640, 630, 150, 100),
    },
    {
      slug: 'salle-de-sport',
      kind: 'sports_hall',
      zone: 'studios',
      name: 'Salle de sport',
      nameEn: 'Sports hall',
      nameGender: 'f',
      description: 'Salle de sport partagée : chaque réservation prend une place.',
      descriptionEn: 'Shared sports hall: each booking takes one place.',
      capacity: 20,
      equipment: [],
      accessibility: ['step_free'],
      rules: HALL_RULES,
      plan: rect(800, 630, 170, 100),
    },
  ];
}

/** English names of the French public holidays, keyed by the names @socialgouv/jours-feries uses. */
export const HOLIDAY_NAMES_EN: Record<string, string> = {
  "Jour de l'an": "New Year's Day",
  'Fête du travail': 'Labour Day',
  'Victoire des alliés': 'Victory in Europe Day',
  'Fête Nationale': 'Bastille Day',
  Assomption: 'Assumption Day',
  Toussaint: "All Saints' Day",
  Armistice: 'Armistice Day',
  Noël: 'Christmas Day',
  'Lundi de Pâques': 'Easter Monday',
  Ascension: 'Ascension Day',
  'Lundi de Pentecôte': 'Whit Monday',
};
