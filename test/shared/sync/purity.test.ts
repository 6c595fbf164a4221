import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../../src/shared/sync');
const forbidden =
  /from\s+['"](node:|fs|path|crypto|os|http|https|net|stream|url|child_process|worker_threads|electron|pg|drizzle-orm|fastify)/;

describe('src/shared/sync', () => {
  it('imports nothing from Node, the server stack or Electron (the desktop and server both load it)', () => {
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source, file).not.toMatch(forbidden);
    }
  });
});
