// English messages of the rooms page on a phone (its filters and the grid’s guide behind disclosures).
import type { frRoomsPhone } from '../fr/rooms-phone.js';

export const enRoomsPhone: Record<keyof typeof frRoomsPhone, string> = {
  'rooms.filters.summary': 'Date and filters',
  'rooms.timeline.guide': 'How to use the grid, and its legend',
};
