import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addonPath,
  defaultBuilder,
  ensureElectronNative,
  NATIVE_DIR,
  type NativeBuilder,
  type RunCommand,
} from '../../scripts/electron-native';

/** A fake repository: node_modules with electron and better-sqlite3 (whose build/ is the Node one). */
let root: string;
function install(electron: string, betterSqlite3: string) {
  const pkg = (name: string, version: string) => {
    mkdirSync(path.join(root, 'node_modules', name), { recursive: true });
    writeFileSync(path.join(root, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
  };
  pkg('electron', electron);
  pkg('better-sqlite3', betterSqlite3);
  mkdirSync(path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release'), { recursive: true });
  writeFileSync(path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), 'NODE');
  mkdirSync(path.join(root, 'node_modules', 'better-sqlite3', 'src'), { recursive: true });
  writeFileSync(path.join(root, 'node_modules', 'better-sqlite3', 'src', 'better_sqlite3.cpp'), '// source');
}

/** Builds "for" the target by writing a file that names it, and counts its calls. */
function fakeBuilder() {
  const calls: { electron: string; workDir: string; sawSource: boolean; sawNodeBuild: boolean }[] = [];
  const builder: NativeBuilder = async ({ target, workDir }) => {
    calls.push({
      electron: target.electron,
      workDir,
      sawSource: existsSync(path.join(workDir, 'src', 'better_sqlite3.cpp')),
      sawNodeBuild: existsSync(path.join(workDir, 'build')),
    });
    const out = path.join(workDir, 'build', 'Release', 'better_sqlite3.node');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `ELECTRON ${target.electron} / ${target.betterSqlite3}`);
    return out;
  };
  return { builder, calls };
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'switchboard-native-'));
  install('45.4.1', '12.11.1');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('the Electron build of better-sqlite3', () => {
  it('is built on the first start into a folder of its own, leaving the Node build alone', async () => {
    const { builder, calls } = fakeBuilder();
    const result = await ensureElectronNative({ root, builder });
    expect(result).toMatchObject({ status: 'built', reason: 'no build for this Electron yet' });
    expect(result.addon).toBe(path.join(root, NATIVE_DIR, '45.4.1', 'better_sqlite3.node'));
    expect(readFileSync(result.addon, 'utf8')).toBe('ELECTRON 45.4.1 / 12.11.1');
    expect(JSON.parse(readFileSync(path.join(root, NATIVE_DIR, '45.4.1', 'build.json'), 'utf8'))).toEqual({
      electron: '45.4.1',
      betterSqlite3: '12.11.1',
      platform: process.platform,
      arch: process.arch,
    });
    // Built in a scratch copy with the sources but without node_modules' build/.
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ sawSource: true, sawNodeBuild: false });
    expect(calls[0]!.workDir.startsWith(root)).toBe(false);
    expect(existsSync(calls[0]!.workDir)).toBe(false);
    expect(
      readFileSync(
        path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
        'utf8',
      ),
    ).toBe('NODE');
  });

  it('is reused while Electron and better-sqlite3 stay the same', async () => {
    const { builder, calls } = fakeBuilder();
    await ensureElectronNative({ root, builder });
    const again = await ensureElectronNative({ root, builder });
    expect(again.status).toBe('fresh');
    expect(calls).toHaveLength(1);
  });

  it('is rebuilt when better-sqlite3 is upgraded', async () => {
    const { builder, calls } = fakeBuilder();
    await ensureElectronNative({ root, builder });
    install('45.4.1', '12.12.0');
    const result = await ensureElectronNative({ root, builder });
    expect(result).toMatchObject({ status: 'built', reason: 'betterSqlite3 changed (12.11.1 → 12.12.0)' });
    expect(readFileSync(result.addon, 'utf8')).toBe('ELECTRON 45.4.1 / 12.12.0');
    expect(calls).toHaveLength(2);
  });

  it('is built into a new folder when Electron is upgraded', async () => {
    const { builder } = fakeBuilder();
    await ensureElectronNative({ root, builder });
    install('46.0.0', '12.11.1');
    const result = await ensureElectronNative({ root, builder });
    expect(result.status).toBe('built');
    expect(result.addon).toBe(addonPath(root, '46.0.0'));
    expect(readFileSync(result.addon, 'utf8')).toBe('ELECTRON 46.0.0 / 12.11.1');
  });

  it('is rebuilt when the addon is missing or the record of what it was built for is', async () => {
    const { builder, calls } = fakeBuilder();
    const first = await ensureElectronNative({ root, builder });
    rmSync(first.addon);
    expect((await ensureElectronNative({ root, builder })).status).toBe('built');
    rmSync(path.join(root, NATIVE_DIR, '45.4.1', 'build.json'));
    expect(await ensureElectronNative({ root, builder })).toMatchObject({
      status: 'built',
      reason: 'the build has no record of what it was made for',
    });
    expect(calls).toHaveLength(3);
  });

  it('leaves nothing that looks fresh when a build fails, so the next start tries again', async () => {
    const failing: NativeBuilder = async () => {
      throw new Error('headers could not be downloaded');
    };
    await expect(ensureElectronNative({ root, builder: failing })).rejects.toThrow(
      'Could not build better-sqlite3 for Electron 45.4.1: headers could not be downloaded',
    );
    expect(existsSync(path.join(root, NATIVE_DIR, '45.4.1', 'build.json'))).toBe(false);
    const { builder, calls } = fakeBuilder();
    expect((await ensureElectronNative({ root, builder })).status).toBe('built');
    expect(calls).toHaveLength(1);
  });

  it('says to run npm install when Electron is not installed', async () => {
    rmSync(path.join(root, 'node_modules', 'electron'), { recursive: true });
    await expect(ensureElectronNative({ root, builder: fakeBuilder().builder })).rejects.toThrow(
      'electron is not installed: run npm install first.',
    );
  });
});

describe('the default builder', () => {
  const target = { electron: '45.4.1', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' };

  it('asks prebuild-install for the Electron runtime first, in the scratch folder', async () => {
    const workDir = mkdtempSync(path.join(tmpdir(), 'switchboard-work-'));
    const commands: { args: string[]; cwd: string }[] = [];
    const run: RunCommand = async (_command, args, cwd) => {
      commands.push({ args, cwd });
      mkdirSync(path.join(cwd, 'build', 'Release'), { recursive: true });
      writeFileSync(path.join(cwd, 'build', 'Release', 'better_sqlite3.node'), 'prebuilt');
    };
    const built = await defaultBuilder(root, run)({ target, workDir });
    expect(built).toBe(path.join(workDir, 'build', 'Release', 'better_sqlite3.node'));
    expect(commands).toHaveLength(1);
    expect(commands[0]!.cwd).toBe(workDir);
    expect(commands[0]!.args[0]).toBe(path.join(root, 'node_modules', 'prebuild-install', 'bin.js'));
    expect(commands[0]!.args).toEqual(
      expect.arrayContaining(['--runtime=electron', '--target=45.4.1', '--platform=linux', '--arch=x64']),
    );
    rmSync(workDir, { recursive: true, force: true });
  });

  it('compiles against Electron headers with node-gyp when no prebuilt binary comes', async () => {
    const workDir = mkdtempSync(path.join(tmpdir(), 'switchboard-work-'));
    const commands: string[][] = [];
    const run: RunCommand = async (_command, args, cwd) => {
      commands.push(args);
      if (args[0]!.includes('prebuild-install')) throw new Error('no prebuilt binaries found');
      mkdirSync(path.join(cwd, 'build', 'Release'), { recursive: true });
      writeFileSync(path.join(cwd, 'build', 'Release', 'better_sqlite3.node'), 'compiled');
    };
    await defaultBuilder(root, run)({ target, workDir });
    expect(commands).toHaveLength(2);
    expect(commands[1]).toEqual(
      expect.arrayContaining([
        'rebuild',
        '--runtime=electron',
        '--target=45.4.1',
        '--dist-url=https://electronjs.org/headers',
      ]),
    );
    rmSync(workDir, { recursive: true, force: true });
  });

  it('says in words what a first start needs when neither way works, and keeps the output', async () => {
    const workDir = mkdtempSync(path.join(tmpdir(), 'switchboard-work-'));
    const run: RunCommand = async () => {
      throw Object.assign(new Error('exit code 1'), { output: 'gyp ERR! getaddrinfo ENOTFOUND electronjs.org' });
    };
    await expect(defaultBuilder(root, run)({ target, workDir })).rejects.toThrow(
      'no prebuilt binary could be downloaded, and compiling it failed (exit code 1). Its output is in ' +
        `${path.join('.electron-native', 'last-build.log')}. The first start needs the network once`,
    );
    expect(readFileSync(path.join(root, '.electron-native', 'last-build.log'), 'utf8')).toContain('ENOTFOUND');
    rmSync(workDir, { recursive: true, force: true });
  });
});
