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

  'fields.resource.name': 'Indiquez le nom en français, en {max} caractères au plus.',
  'fields.resource.nameEn': 'Le nom en anglais tient en {max} caractères au plus, ou laissez vide.',
  'fields.resource.nameGender': 'Choisissez le genre du nom français : féminin ou masculin.',
  'fields.resource.kind': 'Choisissez un type de ressource dans la liste.',
  'fields.resource.zone': 'Choisissez une zone dans la liste, ou aucune.',
  'fields.resource.capacity': 'Indiquez la capacité en nombre entier de personnes, de {min} à {max}.',
  'fields.resource.equipment': 'Cochez des équipements de la liste.',
  'fields.resource.accessibility': 'Cochez des aménagements d’accessibilité de la liste.',
  'fields.resource.description': 'La description en français tient en {max} caractères au plus.',
  'fields.resource.descriptionEn': 'La description en anglais tient en {max} caractères au plus.',
  'fields.resource.photo':
    'Indiquez le chemin d’une image sous public/, sans espace, par exemple /photos/salle.jpg, ou laissez vide.',
  'fields.resource.plan':
    'Indiquez les quatre nombres entiers (X, Y, largeur et hauteur de 1 à {max}), ou laissez-les tous vides.',
  'fields.resource.layouts':
    'Indiquez pour chaque configuration proposée un nombre entier de personnes, de 1 à {max}, ou laissez vide.',
  'fields.resource.layouts.above_capacity':
    'Aucune configuration ne peut accueillir plus de personnes que la capacité de l’espace.',
  'fields.resource.shape': 'Choisissez des créneaux par pas de minutes ou par demi-journées.',
  'fields.resource.slotStepMinutes': 'Indiquez le pas des créneaux en nombre entier de minutes, de {min} à {max}.',
  'fields.resource.minDurationMinutes': 'Indiquez la durée minimale en nombre entier de minutes, de {min} à {max}.',
  'fields.resource.maxDurationMinutes': 'Indiquez la durée maximale en nombre entier de minutes, de {min} à {max}.',
  'fields.resource.horizonDays':
    'Indiquez jusqu’à combien de jours à l’avance on réserve, un nombre entier de {min} à {max}.',
  'fields.resource.minNoticeMinutes': 'Indiquez le délai de prévenance en nombre entier de minutes, de {min} à {max}.',
  'fields.resource.bufferBeforeMinutes': 'Indiquez le battement avant en nombre entier de minutes, de {min} à {max}.',
  'fields.resource.bufferAfterMinutes': 'Indiquez le battement après en nombre entier de minutes, de {min} à {max}.',
  'fields.resource.checkInGraceMinutes':
    'Indiquez le délai d’enregistrement en nombre entier de minutes, de {min} à {max}, ou laissez vide.',
  'fields.resource.capacityModel': 'Choisissez une occupation exclusive ou partagée.',
  'fields.resource.sharedPlaces': 'Indiquez le nombre de places partagées, un nombre entier de {min} à {max}.',
  'fields.resource.sharedPlaces.above_capacity':
    'Le nombre de places partagées ne peut dépasser la capacité de l’espace.',
  'fields.resource.halfDaySplit': 'Indiquez l’heure de coupure en heures et minutes, par exemple 13:00.',
  'fields.resource.links': 'Cochez des ressources de la liste.',
  'fields.zone.name': 'Indiquez le nom de la zone en français, en {max} caractères au plus.',
  'fields.zone.nameEn': 'Le nom en anglais tient en {max} caractères au plus, ou laissez vide.',
  'fields.zone.floor': 'L’étage tient en {max} caractères au plus, ou laissez vide.',
  'fields.zone.safetyCapacity': 'Indiquez un nombre entier de personnes, de 0 à {max}, ou laissez vide.',
  'fields.zone.sortOrder': 'Indiquez un nombre entier de 0 à {max}, ou laissez vide.',
  'fields.hours.week.invalid':
    'Indiquez l’ouverture et la fermeture en heures et minutes, par exemple 08:30 et 19:00 (24:00 pour minuit), ou laissez les deux vides pour fermer ce jour.',
  'fields.hours.week.closes_before_opens': 'La fermeture doit venir après l’ouverture, le même jour.',
  'fields.hours.resource.unknown': 'Choisissez un lieu dans la liste, ou tout le site.',
  'fields.hours.date.required': 'Indiquez le jour de l’exception.',
  'fields.hours.date.invalid': 'Indiquez un jour qui existe : jour, mois et année.',
  'fields.hours.opens.invalid':
    'Indiquez l’heure d’ouverture en heures et minutes, par exemple 08:30, ou laissez vide pour fermer.',
  'fields.hours.closes.invalid':
    'Indiquez l’heure de fermeture en heures et minutes, par exemple 19:00 (24:00 pour minuit).',
  'fields.hours.closes.closes_before_opens': 'La fermeture doit venir après l’ouverture, le même jour.',
  'fields.hours.reason.required': 'Indiquez le motif : il est montré aux membres.',
  'fields.hours.reason.too_long': 'Le motif tient en {max} caractères au plus.',
  'fields.hours.reasonEn.too_long': 'Le motif en anglais tient en {max} caractères au plus.',

  'fields.rates.starts_on.required': 'Indiquez le jour à partir duquel ce tarif s’applique.',
  'fields.rates.starts_on.invalid': 'Indiquez un jour qui existe : jour, mois et année.',
  'fields.rates.amount': 'Indiquez un montant en euros, par exemple 650 ou 650,50 (deux décimales au plus).',
  'fields.rates.reduction': 'Indiquez une réduction en pourcentage, un nombre entier de 0 à 100.',
  'fields.rates.minutes': 'Indiquez une durée en nombre entier de minutes, de 0 à 600.',
  'fields.settings.required': 'Indiquez un nombre entier de {min} à {max}.',
  'fields.settings.range': 'Indiquez un nombre entier de {min} à {max}.',

  'fields.filter.kind': 'Choisissez un type d’espace dans la liste.',
  'fields.filter.zone': 'Choisissez une zone dans la liste.',
  'fields.filter.capacity': 'Indiquez un nombre entier de personnes, de 1 à 9999.',
  'fields.filter.equipment': 'Cochez des équipements de la liste.',
  'fields.filter.accessibility': 'Cochez des aménagements d’accessibilité de la liste.',

  'fields.rentals.message.required': 'Écrivez votre message à l’équipe, {max} caractères au plus.',
} as const;
