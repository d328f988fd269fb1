// The other form families (sign-in and accounts, profile, invitations, organisations, zones,
// opening hours, closures, prices, visitors, the event-space request, on-behalf booking): a
// malformed submission answers 422 with the input kept and a summary whose every entry
// links to its field and reads "<Label> : <what is expected>", in French and in English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { form, signInAs, visitor, type Session } from '../helpers/auth.js';
import { expectInlineError, expectNamedSummary } from '../helpers/error-summary.js';
import { requestRental } from '../helpers/rentals.js';

let t: TestApp;
let admin: Session;
let desk: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, 'admin');
  desk = await signInAs(t.app, 'frontdesk');
});
afterAll(async () => {
  await t.close();
});

type Fields = Record<string, string | number | readonly string[]>;
/** The admin's answer in English: the language is the account's, so it is switched back after. */
async function postInEnglish(url: string, fields: Fields) {
  await post(admin, '/profile/language', { lang: 'en', next: '/' });
  try {
    return await post(admin, url, fields);
  } finally {
    await post(admin, '/profile/language', { lang: 'fr', next: '/' });
  }
}

function post(who: Session, url: string, fields: Fields, cookie = who.cookie) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...fields, _csrf: who.csrf }),
  });
}

describe('accounts', () => {
  it('sign-in names the e-mail field', async () => {
    const guest = await visitor(t.app);
    const res = await post(guest, '/login', { email: 'pas une adresse', password: '' });
    expect(res.statusCode).toBe(422);
    const messages = expectNamedSummary(res.body, 'fr', ['login-email', 'login-password']);
    expect(messages['login-email']).toBe(
      'Indiquez une adresse e-mail valide, par exemple nom@exemple.fr, sur une seule ligne.',
    );
    expect(res.body).toContain('value="pas une adresse"');
  });

  it('the profile names the name field, in French and English', async () => {
    const fr = await post(admin, '/profile', { name: '', language: 'xx' });
    expect(fr.statusCode).toBe(422);
    const messages = expectNamedSummary(fr.body, 'fr', ['profile-name', 'profile-language']);
    expect(messages['profile-name']).toBe('Indiquez le nom.');
    expect(messages['profile-language']).toBe('Choisissez le français ou l’anglais.');
    const en = await postInEnglish('/profile', { name: '', language: 'en' });
    expect(en.statusCode).toBe(422);
    expectNamedSummary(en.body, 'en', ['profile-name']);
  });

  it('an invitation names each field', async () => {
    const res = await post(admin, '/admin/members/invite', { email: 'x@', name: '', role: 'king', language: 'de' });
    expect(res.statusCode).toBe(422);
    expectNamedSummary(res.body, 'fr', ['invite-email', 'invite-name', 'invite-role', 'invite-language']);
    expectInlineError(res.body, 'invite-role', 'Choisissez un rôle dans la liste.');
    const en = await postInEnglish('/admin/members/invite', { email: '', name: 'Ana', role: 'member', language: 'fr' });
    expect(en.statusCode).toBe(422);
    expectNamedSummary(en.body, 'en', ['invite-email']);
  });
});

describe('administration', () => {
  it('a new organisation names its dates and quotas', async () => {
    const res = await post(admin, '/admin/organisations/new', {
      name: '',
      kind: 'association',
      programme: 'x',
      startsOn: '2027-02-30',
      endsOn: '',
      quotaRoomHours: 'beaucoup',
      quotaDeskHalfDays: '',
    });
    expect(res.statusCode).toBe(422);
    const targets = ['org-name', 'org-programme', 'org-starts', 'org-room-hours'];
    const messages = expectNamedSummary(res.body, 'fr', targets);
    expect(messages['org-room-hours']).toContain('par exemple 10 ou 7,5');
    expect(res.body).toContain('value="beaucoup"');
    const en = await postInEnglish('/admin/organisations/new', { name: '', kind: 'association', programme: 'x' });
    expectNamedSummary(en.body, 'en', ['org-name', 'org-programme', 'org-starts']);
  });

  it('a plan names its fields on the organisation page', async () => {
    const id = (t.db.$client.prepare('SELECT min(id) AS id FROM organisations').get() as { id: number }).id;
    const res = await post(admin, `/admin/organisations/${id}/plans`, { name: '', startsOn: 'x', roomHours: 'x' });
    expect(res.statusCode).toBe(422);
    expectNamedSummary(res.body, 'fr', ['plan-name', 'plan-starts', 'plan-room-hours']);
  });

  it('a zone says what each number expects', async () => {
    const res = await post(admin, '/admin/zones', {
      name: '',
      nameEn: '',
      floor: '',
      safetyCapacity: 'x',
      sortOrder: '-1',
    });
    expect(res.statusCode).toBe(422);
    const messages = expectNamedSummary(res.body, 'fr', ['zone-name', 'zone-safetyCapacity', 'zone-sortOrder']);
    expect(messages['zone-safetyCapacity']).toBe(
      'Indiquez un nombre entier de personnes, de 0 à 100\u202f000, ou laissez vide.',
    );
    const en = await postInEnglish('/admin/zones', {
      name: 'Z',
      nameEn: '',
      floor: '',
      safetyCapacity: '',
      sortOrder: 'x',
    });
    const english = expectNamedSummary(en.body, 'en', ['zone-sortOrder']);
    expect(english['zone-sortOrder']).toBe('Enter a whole number from 0 to 10,000, or leave it empty.');
  });

  it('an opening-hours exception names each field', async () => {
    const res = await post(admin, '/admin/hours/exceptions', {
      resource: '',
      date: '',
      opens: '25:00',
      closes: '',
      reason: '',
    });
    expect(res.statusCode).toBe(422);
    const messages = expectNamedSummary(res.body, 'fr', ['exception-date', 'exception-opens', 'exception-reason']);
    expect(messages['exception-opens']).toContain('par exemple 08:30');
    const en = await postInEnglish('/admin/hours', { resource: '', opens_2: '9h', closes_2: '18:00' });
    expect(en.statusCode).toBe(422);
    expectNamedSummary(en.body, 'en', ['hours-opens_2']);
  });

  it('a closure names each field', async () => {
    const res = await post(admin, '/admin/closures', {
      resource: '',
      start: '',
      end: '',
      startTime: '',
      endTime: '',
      reason: '',
      reasonEn: '',
      kind: 'maintenance',
      repeat: 'none',
      repeatUntil: '',
    });
    expect(res.statusCode).toBe(422);
    expectNamedSummary(res.body, 'fr', ['closure-start', 'closure-reason']);
    const en = await postInEnglish('/admin/closures', {
      start: '2027-01-10',
      end: '2027-01-01',
      reason: 'Travaux',
      kind: 'maintenance',
      repeat: 'none',
    });
    expect(en.statusCode).toBe(422);
    expectNamedSummary(en.body, 'en', ['closure-end']);
  });

  it('a public rate names each field', async () => {
    const res = await post(admin, '/admin/prices', { kind: '', unit: 'x', amount: '12,345', startsOn: '' });
    expect(res.statusCode).toBe(422);
    const messages = expectNamedSummary(res.body, 'fr', ['rate-kind', 'rate-unit', 'rate-amount', 'rate-starts']);
    expect(messages['rate-amount']).toBe(
      'Le montant doit être un nombre positif d’euros, avec au plus deux décimales.',
    );
    const en = await postInEnglish('/admin/prices', { kind: '', unit: '', amount: '', startsOn: '' });
    expectNamedSummary(en.body, 'en', ['rate-kind', 'rate-unit', 'rate-amount', 'rate-starts']);
  });
});

describe('front desk', () => {
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: desk.cookie } });

  it('filters and pickers name their wrong field', async () => {
    const month = await get('/admin/event-space?month=2027-13');
    expect(month.statusCode).toBe(422);
    expectNamedSummary(month.body, 'fr', ['event-space-month']);
    const list = await get(`/frontdesk/bookings?from=hier&to=2027-01-01&person=${'x'.repeat(300)}`);
    expect(list.statusCode).toBe(422);
    expectNamedSummary(list.body, 'fr', ['sb-from', 'sb-person']);
    const kiosk = await post(admin, '/admin/kiosks', { label: '' });
    expect(kiosk.statusCode).toBe(422);
    expect(expectNamedSummary(kiosk.body, 'fr', ['kiosk-label'])['kiosk-label']).toBe('Donnez un nom à l’écran.');
  });

  it('a visitor names each field', async () => {
    const res = await post(desk, '/visitors', { name: '', organisation: '', date: 'demain', time: '9h' });
    expect(res.statusCode).toBe(422);
    const messages = expectNamedSummary(res.body, 'fr', ['v-name', 'v-date', 'v-time']);
    expect(messages['v-time']).toBe('Indiquez l’heure sous la forme HH:MM.');
  });

  it('a booking for a guest names the guest’s name', async () => {
    const res = await post(desk, '/bookings', {
      for: 'guest',
      guest_name: '',
      resource: '1',
      start: '2026-12-08T10:00',
      end: '2026-12-08T11:00',
    });
    expect(res.statusCode).toBe(422);
    const messages = expectNamedSummary(res.body, 'fr', ['b-guest-name']);
    expect(messages['b-guest-name']).toBe('Indiquez le nom de l’invité·e.');
  });
});

describe('the event-space request', () => {
  it('names each field in French and English, options and kind linking to their group', async () => {
    const guest = await visitor(t.app);
    const bad = {
      organisation: '',
      contact_name: '',
      email: 'x',
      phone: 'abc',
      title: '',
      date: '',
      start: '',
      end: '',
    };
    const res = await post(guest, '/event-space/request', bad);
    expect(res.statusCode).toBe(422);
    const targets = expectNamedSummary(res.body, 'fr', [
      'r-organisation',
      'r-kind',
      'r-contact',
      'r-email',
      'r-phone',
      'r-title',
      'r-date',
      'r-start',
      'r-end',
      'r-layout',
      'r-headcount',
      'r-purpose',
      'r-consent',
    ]);
    expect(targets['r-phone']).toBe('Indiquez un numéro de téléphone valide, par exemple 01 23 45 67 89.');
    const en = await post(guest, '/event-space/request', bad, `${guest.cookie}; lang=en`);
    expect(en.statusCode).toBe(422);
    expect(en.body).toContain('<html lang="en"');
    expect(Object.keys(expectNamedSummary(en.body, 'en', Object.keys(targets)))).toHaveLength(13);
  });

  it('an empty reply names the message field', async () => {
    const sent = await requestRental(t.app);
    const res = await post(sent.session, `${sent.url}/reply`, { message: '   ' });
    expect(res.statusCode).toBe(422);
    const messages = expectNamedSummary(res.body, 'fr', ['r-message']);
    expect(messages['r-message']).toBe('Écrivez votre message à l’équipe, 2\u202f000 caractères au plus.');
    expectInlineError(res.body, 'r-message', messages['r-message']!);
  });
});
