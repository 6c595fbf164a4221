/**
 * The packages the desktop app must not carry: electron-builder copies every production
 * dependency into the app, but the CRM server's (fastify, PGlite, pg, twilio, jose, ws)
 * and the renderer's (React and the rest, already bundled into out/renderer) are dead
 * weight there. This works out, from package-lock.json, every installed package that the
 * main process's own imports (desktopRuntime) do not reach, and writes them as `files`
 * exclusions into electron-builder.yml between the BEGIN/END markers.
 *
 *   node --import tsx scripts/packaging-excludes.ts          # prints the block
 *   node --import tsx scripts/packaging-excludes.ts --write  # updates electron-builder.yml
 *
 * test/main/shell/packaging.test.ts fails when the block is out of date, or when the main
 * process imports a package that is not in desktopRuntime.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What the Electron main process and preloads import at run time (out/main keeps them external). */
export const desktopRuntime = [
  'better-sqlite3',
  'drizzle-orm',
  'electron-log',
  'electron-updater',
  'libphonenumber-js',
  'temporal-polyfill',
  'uuid',
  'zod',
];

export const begin = '  # BEGIN not in the desktop app (scripts/packaging-excludes.ts)';
export const end = '  # END not in the desktop app';

interface LockPackage {
  dev?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Every package `roots` reach through their dependencies, by name. */
function reach(lock: Record<string, LockPackage>, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    // Hoisted copy first; a nested copy (another version) has the same name for our purpose.
    const entry =
      lock[`node_modules/${name}`] ?? Object.entries(lock).find(([key]) => key.endsWith(`/node_modules/${name}`))?.[1];
    if (!entry) continue;
    queue.push(...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}));
  }
  return seen;
}

export function excludedPackages(root: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const lock = (
    JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, LockPackage>;
    }
  ).packages;
  const shipped = reach(lock, Object.keys(pkg.dependencies));
  const needed = reach(lock, desktopRuntime);
  return [...shipped].filter((name) => !needed.has(name)).sort();
}

export function excludesBlock(root: string): string {
  const lines = excludedPackages(root).map((name) => `  - '!node_modules/${name}/**'`);
  return [begin, ...lines, end].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const root = path.resolve(import.meta.dirname, '..');
  const block = excludesBlock(root);
  if (process.argv.includes('--write')) {
    const file = path.join(root, 'electron-builder.yml');
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf(begin);
    const stop = text.indexOf(end);
    if (start < 0 || stop < 0) throw new Error('electron-builder.yml has no BEGIN/END block under files:');
    writeFileSync(file, text.slice(0, start) + block + text.slice(stop + end.length));
    console.log(`electron-builder.yml: ${block.split('\n').length - 2} packages left out of the app`);
  } else {
    console.log(block);
  }
}
