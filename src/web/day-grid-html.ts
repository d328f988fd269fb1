// The cells of the rooms grid as HTML. A day of 8 rooms has about 170 cells; written through
// the template, each took three interpolations and three escapes, a large share of the
// page's cost. Here each word, time and room name is escaped once per page or row, a link
// comes ready for its attribute (formHref in day-grid.ts), and a cell is one concatenation.
// The markup is the template's (views/partials/rooms-day.eta writes the rest of the table);
// the words come from the catalogues.
import type { CellState, DayGrid } from './day-grid.js';
import { escapeHtml } from './html.js';

export interface GridWords {
  /** What each state is called in a cell. */
  states: Record<CellState, string>;
  /** The hidden label of a free cell, from its room and time (each already escaped). */
  freeAt: (values: { room: string; time: string }) => string;
}

/** Each row's cells, in the grid's row order; `freeAt` must escape its own literal text. */
export function gridCellsHtml(grid: DayGrid, words: GridWords): string[] {
  const states = Object.fromEntries(
    Object.entries(words.states).map(([state, word]) => [state, escapeHtml(word)]),
  ) as Record<CellState, string>;
  const plain = Object.fromEntries(
    Object.entries(states).map(([state, word]) => [state, `        <td class="cell cell-${state}">${word}</td>\n`]),
  ) as Record<CellState, string>;
  const times = grid.times.map(escapeHtml);
  return grid.rows.map((row) => {
    const room = escapeHtml(row.resource.name);
    let html = '';
    for (let i = 0; i < row.cells.length; i += 1) {
      const cell = row.cells[i]!;
      html +=
        cell.state === 'free'
          ? `        <td class="cell cell-free"><a href="${cell.href!}">${states.free}<span class="visually-hidden"> – ${words.freeAt({ room, time: times[i]! })}</span></a></td>\n`
          : plain[cell.state];
    }
    return html;
  });
}
