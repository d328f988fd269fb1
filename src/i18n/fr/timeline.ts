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
  'plan.desk.taken': '{desk}, réservé',
  'plan.desk.mine': '{desk}, le vôtre',
  'plan.desk.team': '{desk}, votre équipe',
} as const;
