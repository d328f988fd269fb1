// The seeded resources' English names and French genders, as a first start writes them; a
// later start leaves what admins changed since.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/connection.js';
import { seedInventory } from '../../seed/seed.js';
import { tempDir } from '../helpers/app.js';

const dir = tempDir();
const db = openDatabase(path.join(dir, 'names.sqlite'));
afterAll(() => {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

const row = (name: string) =>
  db.$client.prepare('SELECT name_en AS en, name_gender AS gender FROM resources WHERE name = ?').get(name);

describe('seeded resource names', () => {
  it('give the English name and the gender of the French one', () => {
    seedInventory(db, 0);
    expect(row('Salle Henry Dunant')).toEqual({ en: 'Henry Dunant room', gender: 'f' });
    expect(row('Poste OS-01')).toEqual({ en: 'Desk OS-01', gender: 'm' });
    expect(row('Espace événementiel')).toEqual({ en: 'Event space', gender: 'm' });
    expect(row('Studio numérique')).toEqual({ en: 'Digital studio', gender: 'm' });
    expect(row('Studio réalité virtuelle')).toEqual({ en: 'VR studio', gender: 'm' });
    expect(row('Salle de sport')).toEqual({ en: 'Sports hall', gender: 'f' });
  });

  it('are a first-start default: a second seeding keeps an admin’s rename and retirement', () => {
    db.$client.prepare("UPDATE resources SET name_en = 'Hall', active = 0 WHERE name = 'Salle de sport'").run();
    seedInventory(db, 0);
    expect(row('Salle de sport')).toEqual({ en: 'Hall', gender: 'f' });
    expect(db.$client.prepare("SELECT active FROM resources WHERE name = 'Salle de sport'").pluck().get()).toBe(0);
  });
});
