import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Native SQLite and PGlite are heavy; threads share a process and are fine with both.
    pool: 'forks',
    // The migrated database every server test file starts from: with TEST_DATABASE_URL a
    // template it clones, else a PGlite dump it loads.
    globalSetup: ['test/server/helpers/postgres-template.ts', 'test/server/helpers/pglite-template.ts'],
    testTimeout: 20_000,
    // Password hashes at 2^14 instead of the server's 2^15: every server test signs people
    // in, and the cost itself is measured by `npm run bench -- password-hash`, not here.
    env: { SCRYPT_LOG2_N: '14' },
    hookTimeout: 60_000,
  },
});
