import { defineConfig } from 'drizzle-kit';

// The CRM server's schema (Postgres; PGlite or a real server). The desktop has its own
// SQLite config in drizzle.config.ts. Generate with:
//   npx drizzle-kit generate --config drizzle.server.config.ts
export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './src/server/db/schema.ts',
    './src/server/db/schema-security.ts',
    './src/server/db/schema-sms.ts',
    './src/server/db/schema-company.ts',
  ],
  out: './src/server/db/migrations',
});
