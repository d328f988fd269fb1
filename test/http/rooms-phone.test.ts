// The rooms page on a phone: its filters behind a disclosure (closed, so that the first screen shows the day and
// the rooms; timeline.css shows them without it on a wider screen), open when a field is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signInAs, type Session } from '../helpers/auth.js';

let t: TestApp;
let camille: Session;
beforeAll(async () => {
  t = await createTestApp();
  camille = await signInAs(t.app, 'member');
});
afterAll(async () => {
  await t.close();
});

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: camille.cookie } });
/** The disclosure's opening tag and summary, and whether the filters' form is inside it. */
function disclosure(html: string): { tag: string; summary: string; holdsForm: boolean } {
  const found = /(<details class="filters-disclosure"[^>]*>)\s*<summary>([^<]*)<\/summary>([\s\S]*?)<\/details>/.exec(
    html,
  );
  expect(found, 'the filters disclosure').not.toBeNull();
  return { tag: found![1]!, summary: found![2]!, holdsForm: found![3]!.includes('<form class="filters"') };
}

describe('the filters of the rooms page', () => {
  it('are behind a closed disclosure named in the page language', async () => {
    const res = await get('/book/rooms?date=2026-12-08');
    expect(res.statusCode).toBe(200);
    expect(disclosure(res.body)).toEqual({
      tag: '<details class="filters-disclosure">',
      summary: 'Date et filtres',
      holdsForm: true,
    });
  });

  it('open when the date is refused, to show why', async () => {
    const res = await get('/book/rooms?date=2026-02-30');
    expect(res.statusCode).toBe(422);
    expect(disclosure(res.body).tag).toBe('<details class="filters-disclosure" open>');
    expect(res.body).toContain('aria-invalid="true"');
  });

  it('open when a filter is refused', async () => {
    const res = await get('/book/rooms?date=2026-12-08&capacity=abc');
    expect(res.statusCode).toBe(422);
    expect(disclosure(res.body).tag).toBe('<details class="filters-disclosure" open>');
  });

  it('answers the htmx request with the day alone, leaving the disclosure as it is', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/book/rooms?date=2026-12-08',
      headers: { cookie: camille.cookie, 'hx-request': 'true' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('filters-disclosure');
    expect(res.body).toContain('<section id="rooms-day"');
  });
});
