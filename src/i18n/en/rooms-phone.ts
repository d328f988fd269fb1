// English messages of the rooms page on a phone (its filters behind a disclosure).
import type { frRoomsPhone } from '../fr/rooms-phone.js';

export const enRoomsPhone: Record<keyof typeof frRoomsPhone, string> = {
  'rooms.filters.summary': 'Date and filters',
};
