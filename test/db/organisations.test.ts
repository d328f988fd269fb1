// Organisation queries on a real SQLite file: the admin's list with head counts, and teams.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/connection.js';
import { organisationsWithCounts, teamsOf } from '../../src/db/organisations.js';
import { createMember, createOrganisation } from '../helpers/people.js';
import { tempDir } from '../helpers/app.js';

const dir = tempDir();
const db = openDatabase(path.join(dir, 'organisations.sqlite'));
afterAll(() => {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const empty = createOrganisation(db, { name: 'zèbre vide' });
const busy = createOrganisation(db, { name: 'Atelier' });
const other = createOrganisation(db, { name: 'bureau' });
const ana = createMember(db, { organisationId: busy, lead: true });
const ben = createMember(db, { organisationId: busy });
db.$client.prepare('INSERT INTO memberships (member_id, organisation_id, is_lead) VALUES (?, ?, 0)').run(ana, other);

describe('organisations', () => {
  it('are listed by name ignoring case, each with its number of people (none counts 0)', () => {
    expect(organisationsWithCounts(db).map((o) => [o.id, o.memberCount])).toEqual([
      [busy, 2],
      [other, 1],
      [empty, 0],
    ]);
  });

  it("give each member's teams by name, saying which they lead", () => {
    expect(teamsOf(db, [ana, ben])).toEqual([
      { memberId: ana, id: busy, name: 'Atelier', isLead: true },
      { memberId: ben, id: busy, name: 'Atelier', isLead: false },
      { memberId: ana, id: other, name: 'bureau', isLead: false },
    ]);
    expect(teamsOf(db, [])).toEqual([]);
  });
});
