// English messages of the desk floor plan and the rooms timeline.
import type { frTimeline } from '../fr/timeline.js';

export const enTimeline: Record<keyof typeof frTimeline, string> = {
  'plan.title': 'Floor plan',
  'plan.help':
    'Choose a free desk on the plan: it is booked for the time shown. The same desks are listed by zone further down.',
  'plan.legend': 'Plan legend',
  'plan.state.free': 'Free: solid border',
  'plan.state.taken': 'Taken: hatched',
  'plan.state.mine': 'Yours: double border',
  'plan.state.team': 'Your team’s: dashed border',
  'plan.desk.free': '{desk}, free',
  'plan.desk.taken': '{desk}, taken',
  'plan.desk.mine': '{desk}, yours',
  'plan.desk.team': '{desk}, your team’s',
};
