import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The console window's size and place, remembered across starts in window-state.json in
 * the user-data folder: window geometry, not agent data, so it stays out of the database
 * and its write path (like electron-log's file). A place that is on no screen any more
 * (a monitor unplugged) is dropped and the size kept, so the window never opens out of reach.
 */

export const WindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** At least this much of the window's top strip (where its title bar is) must be on a screen. */
const reachable = { width: 120, height: 40 };

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** The bounds to open with: all of them, the size only, or nothing (first start, unreadable file). */
export function restoreBounds(
  saved: WindowState | null,
  workAreas: Rect[],
): { bounds: Partial<Rect>; maximized: boolean } {
  if (!saved) return { bounds: {}, maximized: false };
  const titleStrip = { x: saved.x, y: saved.y, width: saved.width, height: reachable.height };
  const onScreen = workAreas.some((area) => {
    const o = overlap(titleStrip, area);
    return o.width >= reachable.width && o.height >= reachable.height;
  });
  const bounds = onScreen
    ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height }
    : { width: saved.width, height: saved.height };
  return { bounds, maximized: saved.maximized };
}

export function readWindowState(file: string): WindowState | null {
  try {
    const parsed = WindowState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeWindowState(file: string, state: WindowState, log: (message: string) => void): void {
  try {
    writeFileSync(file, JSON.stringify(state));
  } catch (error) {
    log(`window state not saved: ${error instanceof Error ? error.message : String(error)}`);
  }
}
