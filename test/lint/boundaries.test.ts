// The import rules of .dependency-cruiser.cjs (npm run lint) fail on deliberately wrong
// imports: test/fixtures/boundaries holds one of each, and a circle through them.
import { createRequire } from 'node:module';
import path from 'node:path';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../src/paths.js';

const require = createRequire(import.meta.url);
const config = require(fromRoot('.dependency-cruiser.cjs')) as { forbidden: IForbiddenRuleType[] };

async function violations(baseDir: string, files: string[]) {
  const result = await cruise(
    files,
    {
      baseDir,
      validate: true,
      ruleSet: { forbidden: config.forbidden },
      tsPreCompilationDeps: true,
      outputType: 'json',
    },
    { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
  );
  const output = JSON.parse(String(result.output)) as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}

describe('import boundaries', () => {
  const fixture = path.join(fromRoot('test'), 'fixtures', 'boundaries');

  it('refuse each wrong-way import and the circle it makes', async () => {
    const found = await violations(fixture, ['src']);
    expect(found).toEqual(
      expect.arrayContaining([
        'domain-is-pure: src/domain/rule.ts -> src/db/query.ts',
        'db-not-to-services-web-mail-calendar-jobs-i18n: src/db/query.ts -> src/services/use-case.ts',
        'services-not-to-web-jobs: src/services/use-case.ts -> src/web/route.ts',
        'web-not-to-db-jobs: src/web/route.ts -> src/db/query.ts',
      ]),
    );
    expect(found.filter((v) => v.startsWith('no-circular:')).length).toBeGreaterThan(0);
    // Mail reading the database is the right way round: no rule names it.
    expect(found.filter((v) => v.includes('src/mail/message.ts ->'))).toEqual([]);
  });
});
