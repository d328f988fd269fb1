// The demo accounts, in one place: the seed creates them, docs/operations.md lists them, tests sign
// in with them. Never created with NODE_ENV=production.
export const DEMO_ORGANISATION = {
  name: 'Association Démo – Solidarités numériques',
  kind: 'association',
  programme: 'entrepreneurship',
  /** 10 hours of meeting rooms and 20 desk half-days a month. */
  quotaRoomMinutesPerMonth: 600,
  quotaDeskHalfDaysPerMonth: 20,
} as const;

export const DEMO_ACCOUNTS = {
  admin: {
    email: 'admin@demo.21.example.org',
    name: 'Alex Admin',
    role: 'admin',
    lead: false,
    member: false,
    induction: null,
  },
  frontdesk: {
    email: 'accueil@demo.21.example.org',
    name: 'Fatou Accueil',
    role: 'frontdesk',
    lead: false,
    member: false,
    induction: null,
  },
  lead: {
    email: 'responsable@demo.21.example.org',
    name: 'Léa Responsable',
    role: 'member',
    lead: true,
    member: true,
    induction: null,
  },
  member: {
    email: 'camille@demo.21.example.org',
    name: 'Camille Membre',
    role: 'member',
    lead: false,
    member: true,
    induction: 'digital_studio',
  },
  member2: {
    email: 'sami@demo.21.example.org',
    name: 'Sami Membre',
    role: 'member',
    lead: false,
    member: true,
    induction: null,
  },
} as const;

export type DemoAccount = keyof typeof DEMO_ACCOUNTS;
