import type { Handlers } from '../api/dispatch';
import { CoreError } from '../errors';

/** Asks the agent where to save a file and writes it there; false when they cancelled. */
export type FileSaver = (suggestedName: string, content: string) => Promise<boolean>;

export interface FileSaving {
  handlers: Pick<Handlers, 'files.saveAs'>;
  /** The Electron shell gives its save dialog (shell/save-file.ts); browser mode has none. */
  setFileSaver(saver: FileSaver): void;
}

/**
 * Saving a file where the agent chooses needs the OS's save dialog, which only the
 * shell may open (only src/main/shell imports electron): the shell hands the core a
 * saver at start, and files.saveAs goes through it. In browser mode the page downloads
 * the file itself and never asks.
 */
export function createFileSaving(): FileSaving {
  let saver: FileSaver | null = null;
  return {
    handlers: {
      'files.saveAs': async ({ suggestedName, content }) => {
        if (!saver) {
          throw new CoreError(
            'not_available',
            'Saving a file through a dialog needs the desktop app; the browser downloads it instead.',
          );
        }
        return { saved: await saver(suggestedName, content) };
      },
    },
    setFileSaver(next) {
      saver = next;
    },
  };
}
