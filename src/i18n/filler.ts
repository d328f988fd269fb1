// Messages filled in many times on one page (the rooms grid's cell labels, the desk buttons).
import type { MessageKey, Translate } from './index.js';
import type { NameGender } from './names.js';

/**
 * A message with parameters, translated once and then filled in by concatenation: as
 * t(key, params) for every value, without a lookup and a pattern replace per use (the rooms
 * grid labels a hundred cells or more). Each parameter is first stood in for by a character
 * of Unicode's private use area, which no message contains.
 */
export function messageFiller(
  t: Translate,
  key: MessageKey,
  names: readonly string[],
): (values: Record<string, string>) => string {
  const marks = names.map((_, i) => String.fromCharCode(0xe000 + i));
  const text = t(key, Object.fromEntries(names.map((name, i) => [name, marks[i]!])));
  const pieces: (string | { name: string })[] = [];
  let literal = '';
  for (const char of text) {
    const i = marks.indexOf(char);
    if (i < 0) literal += char;
    else {
      pieces.push(literal, { name: names[i]! });
      literal = '';
    }
  }
  pieces.push(literal);
  return (values) => {
    let out = '';
    for (const piece of pieces) out += typeof piece === 'string' ? piece : values[piece.name];
    return out;
  };
}

/** Like messageFiller, for a message that agrees with a name's gender: filled once per gender. */
export function genderedFiller(
  t: Translate,
  key: MessageKey,
  names: readonly string[],
): (gender: NameGender, values: Record<string, string>) => string {
  const byGender = {
    f: messageFiller((k, params) => t(k, { ...params, gender: 'f' }), key, names),
    m: messageFiller((k, params) => t(k, { ...params, gender: 'm' }), key, names),
  };
  return (gender, values) => byGender[gender](values);
}
