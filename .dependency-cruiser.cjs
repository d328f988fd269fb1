// Which folder may import which (npm run lint). The layers run one way:
//   web -> services -> (domain, db, mail, calendar, i18n); jobs -> services;
//   app.ts and server.ts, the composition root, may import anything and nothing imports them.
// A wrong-way import or an import circle fails the lint. test/lint/boundaries.test.ts shows
// each rule failing on a deliberately wrong import.
const layer = (from, notTo, comment) => ({
  name: `${from}-not-to-${notTo.join('-')}`,
  comment,
  severity: 'error',
  from: { path: `^src/${from}/` },
  to: { path: `^src/(${notTo.join('|')})/` },
});

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain imports nothing of ours outside the domain.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    layer(
      'db',
      ['services', 'web', 'mail', 'calendar', 'jobs', 'i18n'],
      'db knows the schema and the domain, nothing above.',
    ),
    layer('i18n', ['services', 'web', 'db', 'mail', 'calendar', 'jobs'], 'Catalogues and formatting are leaves.'),
    layer('calendar', ['services', 'web', 'db', 'mail', 'jobs'], 'iCalendar documents are built from plain values.'),
    layer('mail', ['services', 'web', 'jobs'], 'Mail is below the services.'),
    layer('services', ['web', 'jobs'], 'Services never know about HTTP.'),
    layer('jobs', ['web'], 'Timed work calls services, not routes.'),
    layer('web', ['db', 'jobs'], 'Routes reach data only through services.'),
    {
      name: 'composition-root-on-top',
      comment: 'Only the entry point imports the composition root; nothing imports the entry point.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/server\\.ts$' },
      to: { path: '^src/(app|server)\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'No import circles.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
