// Member queries on a real SQLite file: the admin's search (what is typed is matched
// literally, statuses, order) and the booking person read on every booking.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/connection.js';
import { bookingPersonQuery, searchMembers, updateMember } from '../../src/db/members.js';
import { createMember, createOrganisation } from '../helpers/people.js';
import { tempDir } from '../helpers/app.js';

const dir = tempDir();
const db = openDatabase(path.join(dir, 'members.sqlite'));
afterAll(() => {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const second = createOrganisation(db);
const first = createOrganisation(db);
const zoe = createMember(db, { name: 'zoé 50% Durand', organisationId: second, inductions: ['vr_studio'] });
const adam = createMember(db, { name: 'Adam 500 Martin', role: 'frontdesk', organisationId: first, lead: true });
const bea = createMember(db, { name: 'Bea_Petit' });
const bob = createMember(db, { name: 'BeaXPetit' });
const elodie = createMember(db, { name: 'Élodie Œuvray' });
updateMember(db, zoe, { passwordHash: 'x' });
updateMember(db, adam, { passwordHash: 'x' });
updateMember(db, bob, { passwordHash: 'x', active: false });
db.$client.prepare('INSERT INTO memberships (member_id, organisation_id, is_lead) VALUES (?, ?, 0)').run(zoe, first);

const ids = (filter: Parameters<typeof searchMembers>[1]) => searchMembers(db, filter).map((m) => m.id);
const page = { limit: 10, offset: 0 };

describe('the member search', () => {
  it('takes % and _ literally, in names and e-mail addresses, ignoring ASCII case', () => {
    expect(ids({ text: '50%', ...page })).toEqual([zoe]);
    expect(ids({ text: 'a_p', ...page })).toEqual([bea]);
    expect(ids({ text: 'MARTIN', ...page })).toEqual([adam]);
    expect(ids({ text: '@EXAMPLE.org', ...page })).toEqual([adam, bea, bob, elodie, zoe]);
  });

  it('ignores accents and the case of accented capitals both ways, and sorts Élodie among the E', () => {
    for (const typed of ['élodie', 'ELODIE', 'Élo', 'elodie']) expect(ids({ text: typed, ...page })).toEqual([elodie]);
    expect(ids({ text: 'ZOE', ...page })).toEqual([zoe]);
    expect(ids({ text: 'œuvray', ...page })).toEqual([elodie]);
    expect(ids({ text: 'oeuvray', ...page })).toEqual([]);
  });

  it('filters by role and status (active, invited without a password, deactivated), by name then page', () => {
    expect(ids({ role: 'frontdesk', ...page })).toEqual([adam]);
    expect(ids({ status: 'active', ...page })).toEqual([adam, zoe]);
    expect(ids({ status: 'pending', ...page })).toEqual([bea, elodie]);
    expect(ids({ status: 'inactive', ...page })).toEqual([bob]);
    expect(ids({ limit: 3, offset: 1 })).toEqual([bea, bob, elodie]);
  });
});

describe('the booking person', () => {
  const read = bookingPersonQuery(db);
  it('is an active member with their teams in order and their inductions', () => {
    expect(read(zoe)).toEqual({
      id: zoe,
      organisationIds: [second, first].sort((a, b) => a - b),
      inductions: ['vr_studio'],
    });
    expect(read(bea)).toEqual({ id: bea, organisationIds: [], inductions: [] });
  });

  it('is nobody for a deactivated or unknown member', () => {
    expect(read(bob)).toBeUndefined();
    expect(read(999_999)).toBeUndefined();
  });
});
