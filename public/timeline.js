// The rooms timeline as an ARIA grid (progressive enhancement: without this file each free
// cell is a link to the filled-in form). One Tab stop; the arrows, Home and End move between
// cells; Enter marks the start, then the end, of a time on one row and opens the form; Escape
// cancels; Page Up / Page Down change the day. A pointer drags from one free cell to another.
(() => {
  const GRID = 'table.timeline[role="grid"]';
  /** Where a grid was left when the day changed: "#t-<row>-<column>". */
  const PLACE = /^#t-(\d+)-(-?\d+)$/;
  const state = new WeakMap();

  const rowsOf = (grid) => Array.from(grid.tBodies[0]?.rows ?? []);
  const cellsOf = (row) => Array.from(row.cells);
  const colOf = (cell) => (cell.tagName === 'TH' ? -1 : Number(cell.dataset.col));
  const spanOf = (cell) => (cell.tagName === 'TH' ? 1 : cell.colSpan);
  const focusTarget = (cell) => cell.querySelector('td > a') ?? cell.querySelector('th > a') ?? cell;
  const isFree = (cell) => cell.tagName === 'TD' && cell.querySelector('a') !== null;

  function announce(text) {
    const announcer = document.getElementById('announcer');
    if (!announcer) return;
    announcer.textContent = '';
    window.setTimeout(() => {
      announcer.textContent = text;
    }, 50);
  }

  /** The cell of `row` over column `col` (the row header for -1). */
  function cellAt(row, col) {
    const cells = cellsOf(row);
    return cells.find((c) => colOf(c) <= col && col < colOf(c) + spanOf(c)) ?? cells[cells.length - 1];
  }

  function moveTo(grid, cell, options = {}) {
    const s = state.get(grid);
    if (s.current) focusTarget(s.current).tabIndex = -1;
    s.current = cell;
    if (!options.keepColumn) s.column = colOf(cell);
    const target = focusTarget(cell);
    target.tabIndex = 0;
    target.focus();
    showSelection(grid);
  }

  /** The free cells from the anchor to `end` on one row, or null when a cell between is not free. */
  function range(anchor, end) {
    if (anchor.parentElement !== end.parentElement || end.tagName !== 'TD') return null;
    const [a, b] = colOf(anchor) <= colOf(end) ? [anchor, end] : [end, anchor];
    const cells = cellsOf(anchor.parentElement).filter(
      (c) => c.tagName === 'TD' && colOf(c) >= colOf(a) && colOf(c) <= colOf(b),
    );
    return cells.every(isFree) ? cells : null;
  }

  function showSelection(grid) {
    const s = state.get(grid);
    for (const cell of grid.querySelectorAll('td[aria-selected]')) cell.removeAttribute('aria-selected');
    if (!s.anchor) return;
    for (const cell of range(s.anchor, s.current) ?? [s.anchor]) cell.setAttribute('aria-selected', 'true');
  }

  function cancel(grid, quietly = false) {
    const s = state.get(grid);
    if (!s.anchor) return;
    s.anchor = null;
    showSelection(grid);
    if (!quietly) announce(grid.dataset.msgCancelled);
  }

  /** Enter (or the end of a drag) on `cell`: starts a selection, or ends it and opens the form. */
  function choose(grid, cell) {
    const s = state.get(grid);
    if (!isFree(cell)) return announce(grid.dataset.msgUnavailable);
    if (!s.anchor || s.anchor.parentElement !== cell.parentElement) {
      s.anchor = cell;
      showSelection(grid);
      return announce(grid.dataset.msgStart.replace('{time}', cell.dataset.start.slice(11)));
    }
    const cells = range(s.anchor, cell);
    if (!cells) return announce(grid.dataset.msgBlocked);
    const query = new URLSearchParams({
      resource: cell.parentElement.dataset.resource,
      start: cells[0].dataset.start,
      end: cells[cells.length - 1].dataset.end,
    });
    window.location.assign(`/bookings/new?${query}`);
  }

  function onKey(event) {
    const grid = event.target.closest?.(GRID);
    if (!grid || !state.has(grid) || event.altKey || event.ctrlKey || event.metaKey) return;
    const s = state.get(grid);
    const cell = event.target.closest('td, th');
    if (!cell || cell.parentElement.parentElement !== grid.tBodies[0]) return;
    const rows = rowsOf(grid);
    const row = cell.parentElement;
    const cells = cellsOf(row);
    const r = rows.indexOf(row);
    const i = cells.indexOf(cell);
    const vertical = (to) => to && moveTo(grid, cellAt(to, s.column), { keepColumn: true });
    const moves = {
      ArrowLeft: () => i > 0 && moveTo(grid, cells[i - 1]),
      ArrowRight: () => i < cells.length - 1 && moveTo(grid, cells[i + 1]),
      ArrowUp: () => vertical(rows[r - 1]),
      ArrowDown: () => vertical(rows[r + 1]),
      Home: () => moveTo(grid, cells[0]),
      End: () => moveTo(grid, cells[cells.length - 1]),
      Escape: () => cancel(grid),
      PageUp: () => window.location.assign(`${grid.dataset.previous}#t-${r}-${s.column}`),
      PageDown: () => window.location.assign(`${grid.dataset.next}#t-${r}-${s.column}`),
      // The row header's link keeps its own Enter (the room's page).
      Enter: () => cell.tagName === 'TD' && choose(grid, cell),
    };
    const move = moves[event.key];
    if (!move || (event.key === 'Enter' && cell.tagName === 'TH')) return;
    event.preventDefault();
    move();
  }

  // Dragging: down on a free cell, over others of its row, up on the last one.
  let drag = null;
  /** A drag ends in a click on the cells' row: it must not follow a link. */
  let suppressClick = false;
  function onPointerDown(event) {
    const grid = event.target.closest?.(GRID);
    const cell = event.target.closest?.('td');
    suppressClick = false;
    if (!grid || !state.has(grid) || !cell || !isFree(cell) || event.button !== 0) return;
    cancel(grid, true);
    drag = { grid, start: cell, moved: false };
    state.get(grid).anchor = cell;
    moveTo(grid, cell);
  }
  function onPointerOver(event) {
    const cell = event.target.closest?.('td');
    if (!drag || !cell || cell.parentElement !== drag.start.parentElement) return;
    drag.moved = drag.moved || cell !== drag.start;
    const s = state.get(drag.grid);
    s.current = cell;
    showSelection(drag.grid);
  }
  function onPointerUp() {
    if (!drag) return;
    const { grid, moved } = drag;
    const s = state.get(grid);
    drag = null;
    // A plain click keeps the link's own behaviour (the form for the usual length).
    if (!moved) return cancel(grid, true);
    suppressClick = true;
    moveTo(grid, s.current);
    choose(grid, s.current);
  }
  function onClick(event) {
    if (!suppressClick) return;
    suppressClick = false;
    event.preventDefault();
  }

  // Asked for no view, the page holds both and the width shows one (timeline.css): mark that one's link current.
  const narrow = window.matchMedia('(max-width: 40rem)');
  function markShownView() {
    if (!document.querySelector('#rooms-day .wide-only')) return;
    const shown = narrow.matches ? 'list' : 'grid';
    for (const link of document.querySelectorAll('#rooms-day .view-switch a[data-view]'))
      if (link.dataset.view === shown) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
  }
  narrow.addEventListener('change', markShownView);

  function init() {
    markShownView();
    for (const grid of document.querySelectorAll(GRID)) {
      if (state.has(grid)) continue;
      const rows = rowsOf(grid);
      if (rows.length === 0) continue;
      state.set(grid, { anchor: null, current: null, column: -1 });
      for (const row of rows)
        for (const cell of cellsOf(row)) {
          const target = focusTarget(cell);
          target.tabIndex = -1;
          if (target.tagName === 'A') target.draggable = false;
        }
      grid.ownerDocument.getElementById('timeline-keys')?.removeAttribute('hidden');
      const place = PLACE.exec(window.location.hash);
      const row = rows[Math.min(Number(place?.[1] ?? 0), rows.length - 1)];
      const first = place ? cellAt(row, Number(place[2])) : (cellsOf(row).find(isFree) ?? cellsOf(row)[0]);
      const s = state.get(grid);
      s.current = first;
      s.column = colOf(first);
      focusTarget(first).tabIndex = 0;
      if (place) focusTarget(first).focus();
    }
  }

  document.addEventListener('keydown', onKey);
  document.addEventListener('pointerdown', onPointerDown);
  document.addEventListener('pointerover', onPointerOver);
  document.addEventListener('pointerup', onPointerUp);
  document.addEventListener('click', onClick, true);
  document.addEventListener('DOMContentLoaded', init);
  document.addEventListener('htmx:after:swap', init);
})();
