import type { Dialog } from 'electron';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileSaver } from '../core/desktop/file-saver';

/**
 * The core's file saver in the desktop app: the OS save dialog proposes the name in the
 * agent's Downloads folder, and the file is written where they chose. Cancelling saves
 * nothing. Kept thin: the content was made (and checked) by the core.
 */
export function createFileSaver(deps: {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  downloadsDir: () => string;
  write?: (file: string, content: string) => Promise<void>;
}): FileSaver {
  const write = deps.write ?? ((file, content) => writeFile(file, content, 'utf8'));
  return async (suggestedName, content) => {
    const extension = path.extname(suggestedName).slice(1);
    const choice = await deps.dialog.showSaveDialog({
      title: 'Save the export',
      defaultPath: path.join(deps.downloadsDir(), path.basename(suggestedName)),
      ...(extension ? { filters: [{ name: extension.toUpperCase(), extensions: [extension] }] } : {}),
    });
    if (choice.canceled || !choice.filePath) return false;
    await write(choice.filePath, content);
    return true;
  };
}
