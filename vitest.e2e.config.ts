import { defineConfig } from 'vitest/config'

// End-to-end tests: the built renderer in Debian's Chromium, bridged to the real main-process handlers
// (test/e2e/harness.ts). One file at a time: each launches a browser, and the machine has 2 cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/globalSetup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
