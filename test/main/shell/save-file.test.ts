import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSaver } from '../../../src/main/shell/save-file';
import { createFileSaving } from '../../../src/main/core/desktop/file-saver';
import { dialog, resetFakeElectron } from './fake-electron';

const dirs: string[] = [];
afterEach(() => {
  resetFakeElectron();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-save-'));
  dirs.push(dir);
  return dir;
}

describe('saving an export through the save dialog', () => {
  it('proposes the name in Downloads and writes the file where the agent chose', async () => {
    const downloads = folder();
    const chosen = path.join(folder(), 'storm day.csv');
    dialog.savePath = chosen;
    const files = createFileSaving();
    files.setFileSaver(createFileSaver({ dialog, downloadsDir: () => downloads }));
    const reply = await files.handlers['files.saveAs']({
      suggestedName: 'calls-2026-12-01.csv',
      content: 'a,b\r\n1,2\r\n',
    });
    expect(reply).toEqual({ saved: true });
    expect(readFileSync(chosen, 'utf8')).toBe('a,b\r\n1,2\r\n');
    expect(dialog.asked.at(-1)).toMatchObject({
      defaultPath: path.join(downloads, 'calls-2026-12-01.csv'),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
  });

  it('saves nothing when the agent cancels', async () => {
    const written: string[] = [];
    const save = createFileSaver({
      dialog,
      downloadsDir: () => folder(),
      write: async (file) => void written.push(file),
    });
    expect(await save('calls.csv', 'x')).toBe(false);
    expect(written).toEqual([]);
  });

  it('is refused in words where there is no dialog (browser mode)', async () => {
    const files = createFileSaving();
    await expect(files.handlers['files.saveAs']({ suggestedName: 'calls.csv', content: 'x' })).rejects.toThrow(
      /desktop app/,
    );
  });
});
