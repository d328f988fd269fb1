// French messages of 21's look: the logo's name, the header's words beside it, the photos of the spaces.
export const frLooks = {
  'looks.logo': '21',
  'looks.brand': 'Réservations',
  'looks.photo.alt': 'Photo de l’espace {name}',
};
