import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The reliability suite has its own config and runs once, not once per time zone (npm test runs it last).
    exclude: [...configDefaults.exclude, 'test/reliability/**'],
    // Sized for a loaded 2-core machine, where one browser page check (axe, focus, three widths)
    // or a server started under tsx can take tens of seconds; a test that hangs still fails.
    testTimeout: 60_000,
    // beforeAll may compile the server (test/server.test.ts) or unpack the npm-shipped Chromium.
    hookTimeout: 180_000,
    // Two files at a time: each browser file runs a server and a Chromium of its own.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
