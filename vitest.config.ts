import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Browser tests start Chromium; keep them from competing with each other on 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
