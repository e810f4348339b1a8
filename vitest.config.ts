// Test runner settings: every tests/**/*.test.ts, with a JSON summary that .ci/run counts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
  },
});
