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
