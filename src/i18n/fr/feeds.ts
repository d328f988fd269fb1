// French messages of calendar feeds (the calendars' words, the profile's section), the
// audit entries of feed links, and the mail summing up a new recurring booking.
export const frFeeds = {
  'feeds.name.mine': '21 – Mes réservations',
  'feeds.name.resource': '21 – {resource}',
  'feeds.name.organisation': '21 – Réservations de {organisation}',
  'feeds.name.public': '21 – Événements publics',
  'feeds.event.booked': 'Réservé',
  'feeds.event.person': '{resource} – {person}',
  'feeds.event.personTitle': '{resource} – {title} ({person})',

  'feeds.title': 'Agendas',
  'feeds.intro':
    'Abonnez votre agenda (Google Agenda, Outlook, Apple Calendrier, Thunderbird…) à vos réservations : il se met à jour tout seul, annulations et changements compris.',
  'feeds.none': 'Vous n’avez pas encore de liens d’agenda.',
  'feeds.create': 'Créer mes liens d’agenda',
  'feeds.current': 'Vos liens d’agenda personnels ont été créés le {date}.',
  'feeds.current.hidden':
    'Pour votre sécurité, 21 n’en garde qu’une empreinte et ne peut pas vous les réafficher : pour abonner un autre agenda, créez de nouveaux liens. Les anciens cesseront alors de fonctionner.',
  'feeds.rotate': 'Remplacer mes liens d’agenda',
  'feeds.revoke': 'Désactiver mes liens d’agenda',
  'feeds.fresh.title': 'Vos liens d’agenda',
  'feeds.fresh.notice':
    'Vos nouveaux liens d’agenda sont prêts. Ils ne seront affichés qu’une fois : abonnez-vous maintenant ou copiez-les. Les liens précédents ne fonctionnent plus.',
  'feeds.fresh.private': 'Ces liens sont personnels : quiconque les connaît voit ces agendas. Ne les partagez pas.',
  'feeds.revoked': 'Vos liens d’agenda sont désactivés.',
  'feeds.back': 'Retour à mon profil',
  'feeds.list.mine': 'Mes réservations',
  'feeds.list.mine.hint': 'Toutes vos réservations, de 60 jours en arrière à 18 mois en avant.',
  'feeds.list.organisation': 'Réservations de {organisation}',
  'feeds.list.organisation.hint': 'Les réservations de toute l’équipe, avec le nom de chacun.',
  'feeds.list.resources': 'Agendas des espaces',
  'feeds.list.resources.hint': 'Les réservations des autres y apparaissent comme « Réservé », sans nom.',
  'feeds.list.resources.hintStaff':
    'Vous faites partie de l’équipe de 21 : chaque réservation y apparaît avec le nom de la personne.',
  'feeds.list.public': 'Événements publics',
  'feeds.list.public.hint':
    'Les événements ouverts au public dans l’espace événementiel. Ce lien n’est pas personnel : vous pouvez le partager.',
  'feeds.url': 'Adresse de l’agenda « {name} » à copier',
  'feeds.webcal': 'Ouvrir dans mon application d’agenda',
  'feeds.webcal.label': 'Ouvrir dans mon application d’agenda : « {name} »',
  'feeds.google': 'Ajouter à Google Agenda',
  'feeds.google.label': 'Ajouter à Google Agenda : « {name} »',
  'feeds.outlook': 'Ajouter à Outlook.com',
  'feeds.outlook.label': 'Ajouter à Outlook.com : « {name} »',
  'feeds.outlook365': 'Ajouter à Outlook (Microsoft 365)',
  'feeds.outlook365.label': 'Ajouter à Outlook (Microsoft 365) : « {name} »',

  'feeds.public.label': 'Événement public',
  'feeds.public.hint':
    'Il paraît dans l’agenda public des événements de 21 : titre, date et lieu, jamais le nom de la personne qui a réservé.',
  'feeds.public.save': 'Enregistrer la visibilité',

  'audit.action.booking.public': 'Visibilité publique changée',
  'audit.action.feeds.token_rotated': 'Liens d’agenda créés',
  'audit.action.feeds.token_revoked': 'Liens d’agenda désactivés',

  'mail.series-created.subject': {
    one: 'Réservation régulière : {resource}, {count} date',
    other: 'Réservation régulière : {resource}, {count} dates',
  },
  'mail.series-created.intro': 'Votre réservation régulière est enregistrée.',
  'mail.series-created.pending': 'Ces dates doivent encore être validées par l’équipe de 21.',
  'mail.series-created.booked': { one: 'Date réservée ({count})', other: 'Dates réservées ({count})' },
  'mail.series-created.skipped': { one: 'Date non réservée ({count})', other: 'Dates non réservées ({count})' },
  'mail.series-created.line': '{date}, {start} – {end}',
  'mail.series-created.feed':
    'Pour voir chaque date dans votre agenda, abonnez-le à vos réservations depuis votre profil (rubrique Agendas).',
  'mail.series-created.view': 'Voir la réservation',
} as const;
