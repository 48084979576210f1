import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/global-setup.ts'],
    // Ink only colours frames on a TTY or with FORCE_COLOR; pin it so frames match everywhere.
    env: { FORCE_COLOR: '0', NO_COLOR: '1' },
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
