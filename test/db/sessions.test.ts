// The session read of every request, on a real SQLite file: one statement joining the
// member's teams and inductions, folded back to one of each.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/connection.js';
import { insertSession, sessionQueries } from '../../src/db/sessions.js';
import { createMember, createOrganisation } from '../helpers/people.js';
import { tempDir } from '../helpers/app.js';

const dir = tempDir();
const db = openDatabase(path.join(dir, 'sessions.sqlite'));
afterAll(() => {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const led = createOrganisation(db);
const joined = createOrganisation(db);
const member = createMember(db, { organisationId: joined, inductions: ['digital_studio', 'vr_studio'] });
db.$client.prepare('INSERT INTO memberships (member_id, organisation_id, is_lead) VALUES (?, ?, 1)').run(member, led);
const session = (tokenHash: string, memberId: number | null) =>
  insertSession(db, {
    tokenHash,
    memberId,
    csrfSecret: `csrf-${tokenHash}`,
    createdAt: 1,
    lastSeenAt: 2,
    expiresAt: 3,
    userAgent: null,
    ip: null,
  });
session('member', member);
session('visitor', null);
const queries = sessionQueries(db);

describe('the session read', () => {
  it("gives the member's teams (with lead) and inductions once each, whatever their number", () => {
    const read = queries.byHash('member')!;
    expect(read.session).toMatchObject({ tokenHash: 'member', memberId: member, csrfSecret: 'csrf-member' });
    expect(read.member?.id).toBe(member);
    expect(read.teams).toEqual(
      [
        { organisationId: led, isLead: true },
        { organisationId: joined, isLead: false },
      ].sort((a, b) => a.organisationId - b.organisationId),
    );
    expect(read.inductions.sort()).toEqual(['digital_studio', 'vr_studio']);
  });

  it('gives a visitor no member, and an unknown token nothing', () => {
    expect(queries.byHash('visitor')).toMatchObject({ member: null, teams: [], inductions: [] });
    expect(queries.byHash('unknown')).toBeUndefined();
  });
});
