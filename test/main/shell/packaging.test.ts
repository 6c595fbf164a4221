import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { desktopRuntime, excludedPackages, excludesBlock } from '../../../scripts/packaging-excludes';

// electron-builder cannot run here (it downloads Electron), so the packaging promises the
// shell relies on are checked on the config text itself.
const root = path.resolve(import.meta.dirname, '../../..');
const builder = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');

describe('electron-builder.yml', () => {
  it('declares the tel and callto protocols, and sms', () => {
    expect(builder).toMatch(/protocols:\s+- name: .+\s+schemes:\s+- tel\s+- callto/);
    expect(builder).toMatch(/- name: Text message\s+schemes:\s+- sms/);
  });

  it('gives the Linux desktop entry the tel/callto/sms MIME types', () => {
    expect(builder).toContain('MimeType: x-scheme-handler/tel;x-scheme-handler/callto;x-scheme-handler/sms;');
  });

  it('ships the migrations where the shell looks for them and keeps the native module out of the asar', () => {
    expect(builder).toMatch(/extraResources:\s+- from: src\/main\/core\/db\/migrations\s+to: migrations/);
    expect(builder).toContain('node_modules/better-sqlite3/**/*.node');
    expect(builder).toMatch(/^npmRebuild: true$/m);
  });

  it('rebuilds better-sqlite3 for Electron itself and leaves the development build out', () => {
    expect(builder).toMatch(/^npmRebuild: true$/m);
    const files = builder.match(/^files:\n((?:\s+[-#].*\n)+)/m)?.[1] ?? '';
    const included = files
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('- ') && !line.startsWith("- '!"));
    expect(included).toEqual(['- out/**', '- package.json']);
  });

  it('sets the Electron fuses: no run-as-Node, NODE_OPTIONS or inspect; asar only and checked; cookies encrypted', () => {
    const block = builder.match(/^electronFuses:\n((?:[ ]{2}\S.*\n)+)/m)?.[1] ?? '';
    const fuses = Object.fromEntries(
      block
        .trim()
        .split('\n')
        .map((line) => line.trim().split(/:\s*/) as [string, string]),
    );
    expect(fuses).toMatchObject({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      enableCookieEncryption: 'true',
    });
    // asar integrity is only checked when the app is packed into an asar at all.
    expect(builder).not.toMatch(/^asar: false/m);
  });

  it('builds the directory download worker as a main entry of its own, named as the shell loads it', () => {
    const config = readFileSync(path.join(root, 'electron.vite.config.ts'), 'utf8');
    expect(config).toContain("'pull-worker': here('./src/main/core/sync/pull-worker.ts')");
    const start = readFileSync(path.join(root, 'src/main/shell/start.ts'), 'utf8');
    expect(start).toContain("path.join(options.mainDir, 'pull-worker.js')");
  });

  it('packages the preload file the main window points at', () => {
    const config = readFileSync(path.join(root, 'electron.vite.config.ts'), 'utf8');
    expect(config).toContain("format: 'cjs'");
    expect(config).toContain("entryFileNames: '[name].cjs'");
  });

  it('leaves the CRM server’s and the renderer’s packages out of the app, and nothing the main process loads', () => {
    // Up to date with package-lock.json (scripts/packaging-excludes.ts --write).
    expect(builder).toContain(excludesBlock(root));
    const excluded = new Set(excludedPackages(root));
    for (const name of [
      'fastify',
      '@electric-sql/pglite',
      'pg',
      'twilio',
      'jose',
      'ws',
      'react',
      '@twilio/voice-sdk',
    ]) {
      expect(excluded.has(name), name).toBe(true);
    }
    for (const name of desktopRuntime) expect(excluded.has(name), name).toBe(false);
  });

  it('knows every package the main process and preloads import at run time', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) return name === 'browser-mode' ? [] : files(full);
        return /\.tsx?$/.test(name) ? [full] : [];
      });
    const imported = new Set<string>();
    for (const file of ['src/main', 'src/shared', 'src/preload'].flatMap((dir) => files(path.join(root, dir)))) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^import (?!type )[^;]*?from '([^'.][^']*)'/gm)) {
        if (spec!.startsWith('node:') || spec === 'electron') continue;
        imported.add(spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!);
      }
    }
    expect([...imported].sort()).toEqual([...desktopRuntime].sort());
  });

  it('ships the tray icons where the shell looks for them, and a generic update feed from configuration', () => {
    expect(builder).toMatch(/- from: resources\/tray\s+to: tray/);
    expect(builder).toMatch(/publish:\s+provider: generic\s+url: \$\{env\.SWITCHBOARD_UPDATE_URL\}/);
  });
});
