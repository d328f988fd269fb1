// A session as people name their devices: "Firefox sur Windows, il y a 2 heures" rather than
// a raw user-agent string. ua-parser-js (1.0, MIT) reads the browser and the system; nothing
// is said of a place (there is no location database). An agent it cannot read is an unknown
// browser.
import { UAParser } from 'ua-parser-js';
import { remembered } from '../domain/memo.js';
import type { Language, Translate } from '../i18n/index.js';
import { timeAgo } from '../i18n/relative-time.js';

/** Agents read at most: a few sessions per person, each page lists the same ones again. */
const AGENTS_MAX = 1_000;
const agents = new Map<string, { browser: string | null; os: string | null }>();

function agentOf(userAgent: string): { browser: string | null; os: string | null } {
  return remembered(agents, userAgent, AGENTS_MAX, () => {
    const { browser, os } = new UAParser(userAgent).getResult();
    return { browser: browser.name ?? null, os: os.name ?? null };
  });
}

/** "Firefox sur Windows", "Firefox", or "Navigateur inconnu". */
export function deviceName(userAgent: string | null, t: Translate): string {
  const { browser, os } = userAgent ? agentOf(userAgent) : { browser: null, os: null };
  if (!browser) return t('sessions.unknownBrowser');
  return os ? t('sessions.device', { browser, os }) : browser;
}

/** "Firefox sur Windows, il y a 2 heures": the device and when it was last seen. */
export function sessionName(
  session: { userAgent: string | null; lastSeenAt: number },
  now: number,
  lang: Language,
  t: Translate,
): string {
  const ago = timeAgo(session.lastSeenAt, now, lang) ?? t('sessions.justNow');
  return t('sessions.line', { device: deviceName(session.userAgent, t), ago });
}
