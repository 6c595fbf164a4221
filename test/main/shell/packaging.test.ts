import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder cannot run here (it downloads Electron), so the packaging promises the
// shell relies on are checked on the config text itself.
const root = path.resolve(import.meta.dirname, '../../..');
const builder = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');

describe('electron-builder.yml', () => {
  it('declares the tel and callto protocols', () => {
    expect(builder).toMatch(/protocols:\s+- name: .+\s+schemes:\s+- tel\s+- callto/);
  });

  it('gives the Linux desktop entry the tel/callto MIME types', () => {
    expect(builder).toContain('MimeType: x-scheme-handler/tel;x-scheme-handler/callto;');
  });

  it('ships the migrations where the shell looks for them and keeps the native module out of the asar', () => {
    expect(builder).toMatch(/extraResources:\s+- from: src\/main\/core\/db\/migrations\s+to: migrations/);
    expect(builder).toContain('node_modules/better-sqlite3/**/*.node');
    expect(builder).toMatch(/^npmRebuild: true$/m);
  });

  it('rebuilds better-sqlite3 for Electron itself and leaves the development build out', () => {
    expect(builder).toMatch(/^npmRebuild: true$/m);
    const files = builder.match(/^files:\n((?:\s+- .+\n)+)/m)?.[1] ?? '';
    expect(
      files
        .trim()
        .split('\n')
        .map((line) => line.trim()),
    ).toEqual(['- out/**', '- package.json']);
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
});
