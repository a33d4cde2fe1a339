import { defineConfig } from 'vitest/config';

// Unit, property, fuzz, contract and peer-interop tests. Playwright specs live in e2e/.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Servers in tests bind fixed loopback ports from the lab fixture; keep files from racing for them.
    fileParallelism: false,
  },
});
