// E-mail addresses typed by people. Stored and compared in lower case. A CR or LF (or any
// control character) is refused outright: in a mail header it would let its author add headers.
const CONTROL = /[\u0000-\u001f\u007f]/;
const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;

export const EMAIL_MAX_LENGTH = 254;

/** The normalised address, or null when it is not one acceptable address. */
export function normaliseEmail(raw: unknown): string | null {
  if (typeof raw !== 'string' || CONTROL.test(raw)) return null;
  const value = raw.trim().toLowerCase();
  if (value.length === 0 || value.length > EMAIL_MAX_LENGTH || !ADDRESS.test(value)) return null;
  return value;
}
