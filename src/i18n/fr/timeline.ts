// French messages of the desk floor plan and the rooms timeline.
export const frTimeline = {
  'plan.title': 'Plan de l’étage',
  'plan.help':
    'Choisissez un poste libre sur le plan : il est réservé pour le moment affiché. Les mêmes postes sont listés par zone plus bas.',
  'plan.legend': 'Légende du plan',
  'plan.state.free': 'Libre : bordure pleine',
  'plan.state.taken': 'Réservé : hachures',
  'plan.state.mine': 'Le vôtre : double bordure',
  'plan.state.team': 'Votre équipe : bordure en tirets',
  'plan.desk.free': '{desk}, libre',
  'plan.desk.taken': '{desk}, {gender, select, f {réservée} other {réservé}}',
  'plan.desk.mine': '{desk}, {gender, select, f {la vôtre} other {le vôtre}}',
  'plan.desk.team': '{desk}, votre équipe',

  'timeline.cell': '{room}, {start}–{end}, {state}',
  'timeline.state.free': 'libre',
  'timeline.state.busy': '{gender, select, f {réservée} other {réservé}}',
  'timeline.state.closed': '{gender, select, f {fermée} other {fermé}}',
  'timeline.state.full': '{gender, select, f {complète} other {complet}}',
  'timeline.state.past': 'passé',
  'timeline.help':
    'Une ligne par salle, une colonne par demi-heure. Choisissez une case libre pour ouvrir le formulaire prérempli.',
  'timeline.keys':
    'Au clavier : les flèches passent d’une case à l’autre, Entrée marque le début puis la fin, Échap annule, Page précédente et Page suivante changent de jour. À la souris : glissez d’une case libre à une autre.',
  'timeline.legend': 'Légende de la grille',
  'timeline.legend.free': 'Libre : case vide, bordée',
  'timeline.legend.busy': 'Réservé : hachures, une case par réservation',
  'timeline.legend.other': 'Fermé, complet ou passé : gris, écrit en toutes lettres',
  'timeline.legend.selected': 'Sélection : case bleue cochée',
  'timeline.selection.start': 'Début à {time}. Choisissez la fin sur la même ligne, puis Entrée.',
  'timeline.selection.blocked': 'Ce créneau croise une réservation : choisissez une fin plus proche du début.',
  'timeline.selection.cancelled': 'Sélection annulée.',
  'timeline.selection.unavailable': 'Cette case n’est pas libre.',
} as const;
