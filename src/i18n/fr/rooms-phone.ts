// French messages of the rooms page on a phone (its filters behind a disclosure).
export const frRoomsPhone = {
  'rooms.filters.summary': 'Date et filtres',
} as const;
