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

  'timeline.cell': '{room}, {start}–{end}, {state}',
  'timeline.state.free': 'free',
  'timeline.state.busy': 'booked',
  'timeline.state.closed': 'closed',
  'timeline.state.full': 'full',
  'timeline.state.past': 'past',
  'timeline.help': 'One row per room, one column per half hour. Choose a free cell to open the form filled in.',
  'timeline.keys':
    'With the keyboard: the arrows move from cell to cell, Enter marks the start then the end, Escape cancels, Page Up and Page Down change the day. With a mouse: drag from one free cell to another.',
  'timeline.legend': 'Grid legend',
  'timeline.legend.free': 'Free: empty cell with a border',
  'timeline.legend.busy': 'Booked: hatched, one block per booking',
  'timeline.legend.other': 'Closed, full or past: grey, written in full',
  'timeline.legend.selected': 'Selection: blue cell with a tick',
  'timeline.selection.start': 'Start at {time}. Choose the end on the same row, then Enter.',
  'timeline.selection.blocked': 'This time crosses a booking: choose an end nearer the start.',
  'timeline.selection.cancelled': 'Selection cancelled.',
  'timeline.selection.unavailable': 'This cell is not free.',
};
