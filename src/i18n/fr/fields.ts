// Field errors that say what is expected, with limits and units in words; the error summary
// puts the field's label before each one ("Début : ...").
export const frFields = {
  'form.errors.entry': '{label}\u202f: {message}',

  'fields.booking.resource.required': 'Choisissez l’espace à réserver dans la liste.',
  'fields.booking.resource.invalid': 'Choisissez l’espace à réserver dans la liste.',
  'fields.booking.resource.unknown': 'Cet espace n’existe pas ou n’est plus proposé : choisissez-en un dans la liste.',
  'fields.booking.start.required': 'Indiquez le jour et l’heure du début.',
  'fields.booking.start.invalid': 'Indiquez un jour qui existe et une heure du début, en heures et minutes.',
  'fields.booking.start.date_out_of_range': 'Choisissez un début entre l’an {first} et l’an {last}.',
  'fields.booking.end.required': 'Indiquez le jour et l’heure de la fin.',
  'fields.booking.end.invalid': 'Indiquez un jour qui existe et une heure de la fin, en heures et minutes.',
  'fields.booking.end.date_out_of_range': 'Choisissez une fin entre l’an {first} et l’an {last}.',
  'fields.booking.headcount.out_of_range': 'Indiquez le nombre de personnes, de 1 à {max}.',
  'fields.booking.title.too_long': 'Le titre doit tenir en {max} caractères au plus.',
  'fields.booking.repeat.invalid': 'Choisissez une répétition dans la liste : aucune, chaque jour, semaine ou mois.',
  'fields.booking.repeat.problem': 'Cette répétition ne donne aucune date : vérifiez le rythme, les jours et la fin.',
  'fields.booking.repeat_interval.out_of_range':
    'Indiquez tous les combien de jours, semaines ou mois la réservation revient, de 1 à {max}.',
  'fields.booking.repeat_end.invalid': 'Choisissez de finir après un nombre de fois ou à une date.',
  'fields.booking.repeat_until.required': 'Indiquez la dernière date de la série.',
  'fields.booking.repeat_until.invalid': 'Indiquez une dernière date qui existe : jour, mois et année.',
  'fields.booking.repeat_until.date_out_of_range': 'Choisissez une dernière date entre l’an {first} et l’an {last}.',
  'fields.booking.repeat_count.out_of_range': 'Indiquez le nombre de fois, de 2 à {max}.',
  'fields.booking.repeat_weekdays.invalid': 'Cochez des jours de la semaine dans la liste, du lundi au dimanche.',
  'fields.booking.monthly_by.invalid': 'Choisissez le même jour du mois ou le même jour de la semaine.',
  'fields.booking.series_policy.invalid': 'Choisissez de réserver toute la série ou seulement les dates libres.',

  'fields.find.people.out_of_range': 'Indiquez le nombre de personnes, de 1 à {max}.',
  'fields.find.duration.invalid': 'Choisissez une durée dans la liste, de 30 minutes à 4 heures.',
  'fields.find.date.invalid': 'Indiquez un jour qui existe : jour, mois et année.',
} as const;
