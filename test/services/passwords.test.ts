import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from '../../src/services/passwords.js';

describe('passwords', () => {
  it('answers every one of a burst of sign-ins, hashed in turn, a malformed hash among them', async () => {
    const stored = await hashPassword('correct horse battery');
    const attempts = [
      ['correct horse battery', stored],
      ['wrong horse battery', stored],
      ['correct horse battery', 'not-a-hash'],
      ['correct horse battery', stored],
      ['', stored],
      ['correct horse battery', stored],
    ] as const;
    const answers = await Promise.all(attempts.map(([password, hash]) => verifyPassword(hash, password)));
    expect(answers).toEqual([true, false, false, true, false, true]);
  });

  it('hashes again after a refused hash, with the current parameters', async () => {
    expect(await verifyPassword('$argon2id$v=19$m=1,t=1,p=1$broken', 'x')).toBe(false);
    const stored = await hashPassword('another long passphrase');
    expect(needsRehash(stored)).toBe(false);
    expect(await verifyPassword(stored, 'another long passphrase')).toBe(true);
  });
});
