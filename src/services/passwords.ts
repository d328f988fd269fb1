// Password hashing with argon2id and the OWASP parameters (19 MiB, 2 passes, 1 lane).
// Hashing runs on libuv's thread pool, so a sign-in never blocks the event loop, and one
// hash at a time: each holds its 19 MiB while it runs, so a burst of sign-ins (a team
// arriving, a restart of every browser) would otherwise hold that once per pool thread, and
// take the cores from the requests of everyone else.
import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';

export const PASSWORD_OPTIONS: Options = {
  // `Algorithm` is a const enum in the typings; 2 is Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that nobody makes us hash megabytes. */
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = 'too_short' | 'too_long';

export function passwordProblem(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  return null;
}

let last: Promise<unknown> = Promise.resolve();

/** Runs `work` once every hash started before it has finished. */
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const turn = last.then(work, work);
  last = turn.catch(() => undefined);
  return turn;
}

export function hashPassword(password: string): Promise<string> {
  return inTurn(() => hash(password, PASSWORD_OPTIONS));
}

/** False for a malformed stored hash as for a wrong password: neither may sign in. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await inTurn(() => verify(stored, password));
  } catch {
    return false;
  }
}

/** A stored hash made with weaker (older) parameters is replaced at the next sign-in. */
export function needsRehash(stored: string): boolean {
  try {
    const o = parseOptions(stored);
    return (
      o.algorithm !== PASSWORD_OPTIONS.algorithm ||
      o.memoryCost !== PASSWORD_OPTIONS.memoryCost ||
      o.timeCost !== PASSWORD_OPTIONS.timeCost ||
      o.parallelism !== PASSWORD_OPTIONS.parallelism
    );
  } catch {
    return true;
  }
}

let dummy: Promise<string> | null = null;

/**
 * A hash of a random password made with the same parameters, so a sign-in for an unknown
 * e-mail (or an account without a password) costs the same time as a wrong password.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`dummy-${Math.random()}-${process.hrtime.bigint()}`);
  return dummy;
}
