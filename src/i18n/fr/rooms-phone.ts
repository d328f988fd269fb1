// French messages of the rooms page on a phone (its filters and the grid’s guide behind disclosures).
export const frRoomsPhone = {
  'rooms.filters.summary': 'Date et filtres',
  'rooms.timeline.guide': 'Mode d’emploi et légende de la grille',
} as const;
