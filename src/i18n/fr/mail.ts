// French messages of e-mails: subjects (`mail.<template>.subject`) and shared phrases.
export const frMail = {
  'mail.greeting': 'Bonjour {name},',
  'mail.signature': "L'équipe de 21",
  'mail.footer': '21 – Croix-Rouge française, {address}',
  'mail.footer.automatic': 'Ce message a été envoyé automatiquement par le système de réservation de 21.',
  'mail.booking.what': 'Espace',
  'mail.booking.when': 'Date',
  'mail.booking.time': 'Horaire',
  'mail.booking.where': 'Adresse',
  'mail.booking.title': 'Objet',
  'mail.booking.view': 'Voir la réservation',
  'mail.booking.calendar': "L'invitation jointe met à jour votre agenda.",

  'mail.booking-confirmed.subject': 'Réservation confirmée : {resource}, {date}',
  'mail.booking-confirmed.intro': 'Votre réservation est confirmée.',
  'mail.booking-pending.subject': 'Demande de réservation reçue : {resource}, {date}',
  'mail.booking-pending.intro': "Votre demande de réservation a bien été reçue. Elle doit être validée par l'équipe de 21 : vous recevrez un message dès qu'elle le sera.",
  'mail.booking-changed.subject': 'Réservation modifiée : {resource}, {date}',
  'mail.booking-changed.intro': 'Votre réservation a été modifiée. Voici ses nouvelles informations.',
  'mail.booking-cancelled.subject': 'Réservation annulée : {resource}, {date}',
  'mail.booking-cancelled.intro': 'Votre réservation a été annulée.',
  'mail.booking-cancelled.reason': 'Motif : {reason}',
  'mail.booking-reminder.subject': 'Rappel : {resource}, {date} à {start}',
  'mail.booking-reminder.intro': 'Un petit rappel de votre réservation à venir.',

  'mail.invitation.subject': 'Votre accès au système de réservation de 21',
  'mail.password-reset.subject': 'Réinitialiser votre mot de passe – 21',
} as const;
