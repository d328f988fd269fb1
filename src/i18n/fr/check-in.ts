// French messages of check-in, check-out, no-show release and the door QR codes.
export const frCheckIn = {
  'mail.booking-released.subject': 'Réservation libérée : {resource}, {date}',
  'mail.booking-released.intro': 'Votre réservation a été libérée, car votre arrivée n’a pas été signalée à temps.',
  'mail.booking-released.why':
    'Un espace réservé et inoccupé est rendu aux autres membres après le délai prévu. Vous pouvez réserver de nouveau s’il est encore libre.',

  'audit.action.booking.checkIn': 'Arrivée signalée',
  'audit.action.booking.checkOut': 'Départ signalé',
  'audit.action.booking.release': 'Réservation libérée (absence)',

  'checkIn.label': 'Présence',
  'checkIn.at': 'Arrivée signalée à {time}',
  'checkIn.outAt': 'Départ signalé à {time}',
  'checkIn.none': 'Arrivée pas encore signalée',
  'checkIn.deadline': 'À signaler avant {time}, sinon la réservation est libérée.',
  'checkIn.opensAt': 'Vous pourrez signaler votre arrivée à partir de {time}.',
  'checkIn.button': 'Signaler mon arrivée',
  'checkOut.button': 'Signaler mon départ',
  'checkIn.button.label': 'Signaler l’arrivée – {resource}, {when}',
  'checkOut.button.label': 'Signaler le départ – {resource}, {when}',
  'checkIn.done': 'Arrivée enregistrée.',
  'checkIn.already': 'L’arrivée était déjà enregistrée.',
  'checkOut.done': 'Départ enregistré : la réservation se termine désormais à {time} et la suite est libérée.',
  'checkIn.refused': 'Impossible : {reason}',
  'checkIn.list.in': 'Arrivée à {time}',
  'checkIn.list.out': 'Départ à {time}',

  'checkIn.error.check_in_not_open_yet': 'trop tôt, l’arrivée peut être signalée à partir de {time}.',
  'checkIn.error.check_in_over': 'trop tard, la réservation s’est terminée à {time}.',
  'checkIn.error.booking_not_active': 'cette réservation n’est pas active ({status}).',
  'checkIn.error.not_checked_in': 'le départ ne peut être signalé qu’après l’arrivée.',
  'checkIn.error.already_checked_out': 'le départ a déjà été signalé à {time}.',
  'checkIn.error.check_out_over': 'la réservation s’est déjà terminée à {time}.',

  'qr.page.title': 'Arrivée – {resource}',
  'qr.page.none': 'Vous n’avez pas de réservation de {resource} aujourd’hui.',
  'qr.page.book': 'Réserver {resource}',
  'qr.page.released': 'Cette réservation a été libérée à {time}, faute d’arrivée signalée.',
  'qr.page.details': 'Voir la réservation',

  'qr.sheet.title': 'Codes QR des portes',
  'qr.sheet.intro':
    'Imprimez cette page et affichez chaque code sur la porte ou le poste qu’il désigne. Scanné, il ouvre la page où le membre signale son arrivée.',
  'qr.sheet.label': 'Code QR : signaler son arrivée à {resource}',
  'qr.sheet.noZone': 'Autres espaces',
} as const;
