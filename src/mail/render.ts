// Renders a mail from views/emails/<template>.text.eta and <template>.html.eta in the
// recipient's language; the subject comes from the catalogue key `mail.<template>.subject`.
// The HTML template escapes every value by default; the text one does not (it is not HTML).
import { fromRoot } from '../paths.js';
import { Eta } from 'eta';
import { translate, translator, type Language, type MessageKey, type Params } from '../i18n/index.js';

export const EMAIL_VIEWS_DIR = fromRoot('views', 'emails');

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const common = { views: EMAIL_VIEWS_DIR, cache: true, autoTrim: [false, 'nl'] as [false, 'nl'] };
const htmlEta = new Eta({ ...common, autoEscape: true });
// Plain text keeps every line break as written; control lines end with `-%>` to drop theirs.
const textEta = new Eta({ ...common, autoEscape: false, autoTrim: false });

const TEMPLATE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The values of `data` usable as subject placeholders: strings and numbers. */
function subjectParams(data: Record<string, unknown>): Params {
  const params: Params = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string' || typeof value === 'number') params[key] = value;
  }
  return params;
}

export function renderMail(template: string, lang: Language, data: Record<string, unknown>): RenderedMail {
  if (!TEMPLATE_NAME.test(template)) throw new Error(`invalid mail template name "${template}"`);
  // Line breaks in a subject would be refused by the outbox; values from people may hold them.
  const subject = translate(lang, `mail.${template}.subject` as MessageKey, subjectParams(data))
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();
  const it = { ...data, lang, subject, t: translator(lang) };
  return {
    subject,
    text: textEta.render(`./${template}.text.eta`, it),
    html: htmlEta.render(`./${template}.html.eta`, it),
  };
}
