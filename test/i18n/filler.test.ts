import { describe, expect, it } from 'vitest';
import { messageFiller } from '../../src/i18n/filler.js';
import { translator } from '../../src/i18n/index.js';
import { escapeHtml } from '../../src/web/html.js';

describe('messageFiller', () => {
  for (const lang of ['fr', 'en'] as const) {
    const t = translator(lang);
    it(`fills a message as t(key, params) does (${lang})`, () => {
      const freeAt = messageFiller(t, 'rooms.free.at', ['room', 'time']);
      for (const [room, time] of [
        ['Salle Louis Appia', '08:30'],
        ['Salle « A & B »', '18:00'],
        ['', ''],
      ]) {
        expect(freeAt({ room: room!, time: time! })).toBe(t('rooms.free.at', { room: room!, time: time! }));
      }
      const book = messageFiller(t, 'desk.book', ['desk']);
      expect(book({ desk: 'OS-01' })).toBe(t('desk.book', { desk: 'OS-01' }));
    });

    it(`escapes only the message's own text with a transform, leaving the values as given (${lang})`, () => {
      const freeAt = messageFiller(t, 'rooms.free.at', ['room', 'time'], escapeHtml);
      const room = escapeHtml(`Salle <b>"A&B"</b>`);
      expect(freeAt({ room, time: '09:00' })).toBe(
        escapeHtml(t('rooms.free.at', { room: `Salle <b>"A&B"</b>`, time: '09:00' })),
      );
    });
  }
});
