import { defineConfig } from 'vitest/config';

// `npm run test:reliability`: races, crashes, full disks and hostile input (test/reliability/).
// One file at a time: each starts servers and client processes that take both cores.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    globalSetup: ['test/reliability/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
