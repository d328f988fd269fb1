// French messages of cancelling with care: the confirmation step, the reason one may give,
// and the Undo offered for a few seconds after.
export const frCancel = {
  'cancel.title': 'Annuler cette réservation ?',
  'cancel.title.rest': 'Annuler cette date et les suivantes ?',
  'cancel.intro': 'La réservation suivante sera annulée et l’espace rendu aux autres membres :',
  'cancel.intro.rest': 'Cette date et les suivantes de la série seront annulées et l’espace rendu aux autres membres :',
  'cancel.reason': 'Motif (facultatif)',
  'cancel.reason.hint': 'Quelques mots pour l’équipe de 21, {max} caractères au plus.',
  'cancel.reason.tooLong': 'Le motif compte {length} caractères : raccourcissez-le à {max} caractères au plus.',
  'cancel.confirm': 'Oui, annuler la réservation',
  'cancel.confirm.rest': 'Oui, annuler ces dates',
  'cancel.keep': 'Non, garder ma réservation',
  'cancel.undo': 'Rétablir la réservation',
  'cancel.undo.hint': 'Vous pouvez la rétablir pendant {seconds} secondes.',
  'cancel.undo.over': 'Le délai pour rétablir la réservation est passé.',
  'cancel.undo.done': 'Réservation rétablie.',
  'cancel.undo.late':
    'Trop tard pour rétablir la réservation : cela n’est possible que dans les {seconds} secondes qui suivent l’annulation. Réservez de nouveau si le créneau est libre.',
  'cancel.undo.taken':
    'La réservation n’a pas pu être rétablie : le créneau ({when}) a été pris entre-temps. Choisissez un autre moment.',
  'cancel.undo.rebook': 'Réserver de nouveau',
  'audit.action.booking.restore': 'Annulation défaite (réservation rétablie)',
} as const;
