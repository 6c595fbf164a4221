import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The test files that reach the Postgres cluster (with TEST_DATABASE_URL): those that
 * read TEST_DATABASE_URL themselves (startup.test.ts migrates its own databases) or whose
 * imports lead, directly or through helpers, to test/server/helpers/database.ts.
 *
 * Why they matter here: a pull's bound, pg_snapshot_xmin, is the whole
 * cluster's (src/server/sync/pull.ts), so a transaction open in one file's database
 * holds back what another file's desktops pull; a test that pushes and then expects one
 * pull to bring the change fails at random while a second fork works on the cluster.
 * These files run one at a time; the rest (SQLite, PGlite, pure code) two at a time.
 * Found from the imports, so a new file that uses the test server is counted without
 * anyone keeping a list.
 */
const root = import.meta.dirname;
const database = path.join(root, 'test/server/helpers/database.ts');

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  // `./database.js` names database.ts under TypeScript's module resolution.
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'e2e' ? [] : testFiles(full);
    return /\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/**
 * Every unit test file (paths from the project's root) in one of three groups: those that
 * reach the cluster; those that replace a module or a global (vi.mock, vi.doMock,
 * vi.stubGlobal), which keep a fresh module graph per file so a replacement never leaks
 * into the next file; and the rest.
 */
function testFilesByGroup(): { cluster: string[]; mocking: string[]; local: string[] } {
  const sources = new Map<string, string>();
  const read = (file: string) => sources.get(file) ?? sources.set(file, readFileSync(file, 'utf8')).get(file)!;
  // `seen` cuts import cycles within one walk; walks are small (a few hundred files).
  const visit = (file: string, seen = new Set<string>()): boolean => {
    if (file === database) return true;
    // Only the project's tests and their helpers are followed: src never imports test code.
    if (seen.has(file) || !file.startsWith(path.join(root, 'test'))) return false;
    seen.add(file);
    const source = read(file);
    return (
      source.includes('TEST_DATABASE_URL') ||
      [...source.matchAll(/(?:from|import|importActual|require)\s*\(?\s*['"]([^'"]+)['"]/g)].some((match) => {
        const target = resolveImport(file, match[1]!);
        return target !== null && visit(target, seen);
      })
    );
  };
  const mocks = (file: string) => /\bvi\.(?:mock|doMock|stubGlobal)\(/.test(read(file));
  const all = testFiles(path.join(root, 'test'));
  const relative = (file: string) => path.relative(root, file);
  const cluster = all.filter((file) => visit(file));
  const mocking = all.filter((file) => !cluster.includes(file) && mocks(file));
  return {
    cluster: cluster.map(relative),
    mocking: mocking.map(relative),
    local: all.filter((file) => !cluster.includes(file) && !mocking.includes(file)).map(relative),
  };
}

const include = ['test/**/*.test.ts', 'test/**/*.test.tsx'];
const exclude = ['test/e2e/**', 'node_modules/**'];
const files = testFilesByGroup();
/** A project runs one group: its include adds to the root's, so it excludes the others. */
const only = (group: string[]) => [
  ...exclude,
  ...Object.values(files)
    .flat()
    .filter((file) => !group.includes(file)),
];

export default defineConfig({
  test: {
    include,
    exclude,
    environment: 'node',
    // Native SQLite and PGlite are heavy; threads share a process and are fine with both.
    pool: 'forks',
    // The migrated database every server test file starts from: with TEST_DATABASE_URL a
    // template it clones, else a PGlite dump it loads.
    globalSetup: ['test/server/helpers/postgres-template.ts', 'test/server/helpers/pglite-template.ts'],
    testTimeout: 20_000,
    // Password hashes at 2^11 instead of the server's 2^15: every server test signs people
    // in (seedCompany alone makes 8 hashes, 72 times a run: 2^14 was 0.17 s a hash on the
    // loaded 2-core machine, 2^11 0.016 s), and the cost itself is measured by
    // `npm run bench -- password-hash`, not here. Above the minimum (2^10), so the test of
    // a hash upgraded from a lower cost still has a lower cost to start from.
    env: { SCRYPT_LOG2_N: '11' },
    hookTimeout: 60_000,
    // Vitest's default is one fork fewer than the cores, one fork on the 2-core CI
    // machine, where a file spends much of its time waiting (on PGlite's start, a child
    // process, a worker thread), so the files that never touch the Postgres cluster run
    // two at a time. Those that do run one at a time: the pull's bound is the whole
    // cluster's, and another file's open transaction holds back what a test expects one
    // pull to bring (testFilesByGroup above). The files that replace modules run beside
    // them, on the core the cluster's one file at a time leaves idle.
    //
    // `isolate: false` (all but the mocking group): a fork keeps its loaded modules from
    // one file to the next instead of importing the server, drizzle and the core again
    // for each. Imports were 182 s of a 426 s run; with it, on the idle 2-core machine,
    // the cluster's 65 files took 109 s instead of 244 s and the rest 123 s instead of
    // 174 s. Each file still makes its own databases, servers and cores.
    projects: [
      {
        extends: true,
        test: {
          name: 'local',
          include,
          exclude: only(files.local),
          maxWorkers: Math.max(2, availableParallelism() - 1),
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'cluster',
          include,
          exclude: only(files.cluster),
          maxWorkers: 1,
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'mocking',
          include,
          exclude: only(files.mocking),
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
