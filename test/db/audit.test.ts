// The audit log's search, on a real SQLite file: what a person types is matched literally
// (LIKE's wildcards included), against the actor, the subject and the address of an entry.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEntries, auditLogWriter } from '../../src/db/audit.js';
import { closeDatabase, openDatabase } from '../../src/db/connection.js';
import { createMember, createOrganisation } from '../helpers/people.js';
import { tempDir } from '../helpers/app.js';

const dir = tempDir();
const db = openDatabase(path.join(dir, 'audit.sqlite'));
afterAll(() => {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const write = auditLogWriter(db);
const percent = createMember(db, { name: 'Cent pour 100% Solidaire' });
const thousand = createMember(db, { name: 'Mille 1000 Solidaire' });
const underscore = createMember(db, { name: 'a_b Conseil' });
const plain = createMember(db, { name: 'axb Conseil' });
const team = createOrganisation(db, { name: 'Équipe ça va' });
write({ at: 1, action: 'member.role_changed', actorId: percent, subjectType: 'member', subjectId: thousand });
write({ at: 2, action: 'member.role_changed', actorId: underscore, subjectType: 'member', subjectId: plain });
write({ at: 3, action: 'organisation.updated', actorId: plain, subjectType: 'organisation', subjectId: team });
write({ at: 4, action: 'auth.sign_in_failed', details: { email: 'nobody_here@example.org' } });

const search = (who: string | undefined, more: { action?: string; from?: number; to?: number } = {}) =>
  auditEntries(db, { who, ...more, limit: 10, offset: 0 }).map((r) => r.at);

describe('the audit search', () => {
  it('takes % and _ literally, ignoring case', () => {
    expect(search('100%')).toEqual([1]);
    expect(search('A_B')).toEqual([2]);
    expect(search('solidaire')).toEqual([1]);
  });

  it("matches the actor, the subject member or organisation, and an entry's address", () => {
    expect(search('mille')).toEqual([1]);
    expect(search('axb')).toEqual([3, 2]);
    expect(search('ÇA VA')).toEqual([3]);
    expect(search('nobody_')).toEqual([4]);
  });

  it('names the subject, member or organisation, and filters by action and time, latest first', () => {
    const rows = auditEntries(db, { limit: 10, offset: 0 });
    expect(rows.map((r) => [r.at, r.subjectName])).toEqual([
      [4, null],
      [3, 'Équipe ça va'],
      [2, 'axb Conseil'],
      [1, 'Mille 1000 Solidaire'],
    ]);
    expect(search(undefined, { action: 'member.role_changed' })).toEqual([2, 1]);
    expect(search(undefined, { from: 2, to: 4 })).toEqual([3, 2]);
    expect(auditEntries(db, { limit: 2, offset: 1 }).map((r) => r.at)).toEqual([3, 2]);
  });
});
