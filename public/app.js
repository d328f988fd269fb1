// Progressive enhancement only: every page works without this file.
// htmx 4 parses each answer with Document.parseHTMLUnsafe(html, {}); Chromium 124 to 145
// refuse the second argument ("Overload resolution failed"), which broke every swap there.
// Where the browser refuses it, the argument (empty options) is dropped.
(() => {
  const parse = Document.parseHTMLUnsafe;
  if (typeof parse !== 'function') return;
  try {
    parse.call(Document, '', {});
  } catch {
    Document.parseHTMLUnsafe = (html) => parse.call(Document, html);
  }
})();

// After htmx swaps a region, move focus to it and announce its status line, so keyboard and
// screen-reader users learn what changed (WCAG 4.1.3).
document.addEventListener('htmx:after:swap', (event) => {
  const target = event.target instanceof HTMLElement ? event.target : null;
  const region = target && (target.id ? target : target.closest('[id]'));
  const swapped = region && document.getElementById(region.id);
  if (!swapped) return;
  const status = swapped.querySelector('[data-announce], [role="status"], [role="alert"]');
  const announcer = document.getElementById('announcer');
  if (status && announcer) {
    announcer.textContent = '';
    window.setTimeout(() => {
      announcer.textContent = status.textContent.trim();
    }, 50);
  }
  const focusTarget =
    swapped.querySelector('[data-focus]') || (swapped.hasAttribute('data-focus-on-swap') ? swapped : null);
  if (focusTarget) {
    if (!focusTarget.hasAttribute('tabindex')) focusTarget.setAttribute('tabindex', '-1');
    focusTarget.focus();
  }
});

// A polled region (data-poll-summary) is morphed in place without moving focus; its short
// summary (data-summary) is announced politely, and only when it changed since the last poll.
document.addEventListener('htmx:after:swap', (event) => {
  const region = event.target instanceof HTMLElement ? event.target : null;
  if (!region || !region.hasAttribute('data-poll-summary')) return;
  const summary = region.querySelector('[data-summary]')?.getAttribute('data-summary') ?? '';
  const previous = region.getAttribute('data-poll-summary');
  region.setAttribute('data-poll-summary', summary);
  const announcer = document.getElementById('announcer');
  if (!announcer || previous === '' || previous === summary) return;
  announcer.textContent = '';
  window.setTimeout(() => {
    announcer.textContent = summary;
  }, 50);
});
document.addEventListener('DOMContentLoaded', () => {
  for (const region of document.querySelectorAll('[data-poll-summary]')) {
    region.setAttribute(
      'data-poll-summary',
      region.querySelector('[data-summary]')?.getAttribute('data-summary') ?? '',
    );
  }
});

// "Undo" after a cancellation is offered for a few seconds: once they are over, the button goes
// and a status line says so (the server refuses a late undo anyway), the focus kept on the page.
document.addEventListener('DOMContentLoaded', () => {
  for (const offer of document.querySelectorAll('[data-undo-seconds]')) {
    const seconds = Number(offer.getAttribute('data-undo-seconds'));
    window.setTimeout(() => {
      const form = offer.querySelector('form');
      const hadFocus = form?.contains(document.activeElement);
      form?.remove();
      const over = offer.querySelector('[data-undo-over]');
      if (!over) return;
      over.textContent = over.getAttribute('data-undo-over');
      if (hadFocus) {
        over.setAttribute('tabindex', '-1');
        over.focus();
      }
    }, seconds * 1000);
  }
});
