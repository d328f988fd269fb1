// English messages of 21's look: the logo's name, the header's words beside it, the photos of the spaces.
export const enLooks = {
  'looks.logo': '21',
  'looks.brand': 'Bookings',
  'looks.photo.alt': 'Photo of {name}',
};
