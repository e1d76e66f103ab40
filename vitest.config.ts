import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// Unit, repository, component and migration tests. End-to-end tests run separately in real Chromium.
export default defineConfig({
  plugins: [react()],
  test: {
    include: ['test/node/**/*.test.ts', 'test/web/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Component tests declare `// @vitest-environment jsdom` at their top.
    setupFiles: ['test/setup.ts'],
    pool: 'forks',
    testTimeout: 20_000,
  },
})
