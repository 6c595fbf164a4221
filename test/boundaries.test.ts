import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The import boundaries of the README's layout, checked on the source itself so `npm test` fails
 * even where lint is not run (eslint.config.js states the same rules for editors):
 *   src/shared                imports no Node built-in, no 'electron', no UI library, and nothing outside src/shared;
 *   src/main/core, src/server never import 'electron';
 *   src/renderer              imports no Node built-in, no 'electron', nothing from src/main;
 *   anywhere in src           only src/main/shell and src/preload import 'electron'.
 * Static imports, `export … from`, `import type`, dynamic import() and require() all count.
 */

const repo = path.resolve(import.meta.dirname, '..');
const src = path.join(repo, 'src');
const ignoredDirs = new Set(['node_modules', 'out', 'dist', 'dist-web', 'migrations']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ignoredDirs.has(entry.name) ? [] : sourceFiles(full);
    return /\.(c|m)?tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every module specifier a file names: imports, re-exports, import(), require(). */
function specifiersOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

const nodeBuiltins = new Set(builtinModules);
const isNodeBuiltin = (spec: string): boolean => spec.startsWith('node:') || nodeBuiltins.has(spec);
const isElectron = (spec: string): boolean => spec === 'electron' || spec.startsWith('electron/');
const isUiLibrary = (spec: string): boolean =>
  /^(react|react-dom|zustand)(\/|$)/.test(spec) || spec.startsWith('@tanstack/react-') || spec === '@twilio/voice-sdk';

/** Where a relative specifier lands, as a path relative to the repository ('src/main/…'); null for packages. */
function target(fromFile: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return path
    .relative(repo, path.resolve(path.dirname(fromFile), spec))
    .split(path.sep)
    .join('/');
}

const within = (rel: string | null, folder: string): boolean =>
  rel !== null && (rel === folder || rel.startsWith(`${folder}/`));

/** The rule broken by one import of one file (paths relative to the repository), or null. */
function violation(file: string, spec: string): string | null {
  const rel = path.relative(repo, file).split(path.sep).join('/');
  const lands = target(file, spec);
  if (isElectron(spec) && !within(rel, 'src/main/shell') && !within(rel, 'src/preload')) {
    return "only src/main/shell and src/preload may import 'electron'";
  }
  if (within(rel, 'src/shared')) {
    if (isNodeBuiltin(spec)) return 'src/shared imports no Node built-in';
    if (isUiLibrary(spec)) return 'src/shared imports no UI library';
    if (lands !== null && !within(lands, 'src/shared')) return 'src/shared imports nothing outside itself';
  }
  if (within(rel, 'src/renderer')) {
    if (isNodeBuiltin(spec)) return 'src/renderer imports no Node built-in';
    if (within(lands, 'src/main')) return 'src/renderer reaches main only through window.agent';
  }
  return null;
}

describe('import boundaries', () => {
  const files = sourceFiles(src);
  const imports = files.flatMap((file) =>
    specifiersOf(readFileSync(file, 'utf8')).map((spec) => ({ file: path.relative(repo, file), spec })),
  );

  it('finds the source (a sanity check that the scan is not vacuous)', () => {
    expect(files.some((file) => file.includes(`${path.sep}shared${path.sep}`))).toBe(true);
    expect(
      imports.some(({ file, spec }) => file.startsWith(path.join('src', 'main', 'shell')) && spec === 'electron'),
    ).toBe(true);
  });

  it('every import in src obeys the boundaries', () => {
    const broken = imports
      .map(({ file, spec }) => ({ file, spec, rule: violation(path.join(repo, file), spec) }))
      .filter((entry) => entry.rule !== null)
      .map(({ file, spec, rule }) => `${file}: '${spec}' (${rule})`);
    expect(broken).toEqual([]);
  });
});

describe('the boundary checker itself', () => {
  const at = (rel: string): string => path.join(repo, rel);

  it('sees static, type-only, re-export, dynamic and require imports', () => {
    const text = [
      "import fs from 'node:fs';",
      "import type { App } from 'electron';",
      "export { x } from './x';",
      "const p = import('path');",
      "const r = require('os');",
    ].join('\n');
    expect(specifiersOf(text)).toEqual(['node:fs', 'electron', './x', 'path', 'os']);
  });

  it('flags each kind of crossing', () => {
    expect(violation(at('src/shared/domain/a.ts'), 'node:fs')).toMatch(/Node built-in/);
    expect(violation(at('src/shared/domain/a.ts'), 'path')).toMatch(/Node built-in/);
    expect(violation(at('src/shared/domain/a.ts'), 'react')).toMatch(/UI library/);
    expect(violation(at('src/shared/domain/a.ts'), '../../main/core/types')).toMatch(/outside itself/);
    expect(violation(at('src/main/core/a.ts'), 'electron')).toMatch(/only src\/main\/shell/);
    expect(violation(at('src/server/a.ts'), 'electron/main')).toMatch(/only src\/main\/shell/);
    expect(violation(at('src/main/index.ts'), 'electron')).toMatch(/only src\/main\/shell/);
    expect(violation(at('src/renderer/src/a.tsx'), 'fs')).toMatch(/Node built-in/);
    expect(violation(at('src/renderer/src/a.tsx'), 'electron')).toMatch(/only src\/main\/shell/);
    expect(violation(at('src/renderer/src/a.tsx'), '../../main/core/types')).toMatch(/window.agent/);
  });

  it('allows what the design allows', () => {
    expect(violation(at('src/main/shell/start.ts'), 'electron')).toBeNull();
    expect(violation(at('src/preload/index.ts'), 'electron')).toBeNull();
    expect(violation(at('src/shared/api/app.ts'), 'zod')).toBeNull();
    expect(violation(at('src/shared/api/app.ts'), '../domain/primitives')).toBeNull();
    expect(violation(at('src/renderer/src/a.tsx'), '../../shared/api')).toBeNull();
    expect(violation(at('src/renderer/src/a.tsx'), './main')).toBeNull();
    expect(violation(at('src/main/core/a.ts'), 'node:fs')).toBeNull();
  });
});
