import { describe, expect, it } from 'vitest';
import { messageFiller } from '../../src/i18n/filler.js';
import { translator } from '../../src/i18n/index.js';

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
  }
});
