import { defineConfig } from 'drizzle-kit';

// The desktop's local store. Migrations are generated here, committed, and applied at
// start by src/main/core/db/migrate.ts (not drizzle's migrator: see that file for why).
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/main/core/db/schema/index.ts',
  out: './src/main/core/db/migrations',
});
