// Draws the tray / menu-bar icons, one per state the tray shows (src/main/shell/tray-state.ts
// names them), at 16 px and 32 px (@2x, which Electron picks on high-DPI screens), into
// resources/tray/. No dependencies, no network: `node resources/make-tray-icons.mjs`.
// Colour tells the availability; a white slash means the line is not ready for calls.
import { mkdirSync, writeFileSync } from 'node:fs';
import { encodePng } from './png.mjs';

const colours = {
  available: [34, 160, 80],
  busy: [200, 45, 45],
  away: [225, 150, 20],
  wrapup: [125, 80, 200],
  offline: [120, 120, 120],
  call: [31, 94, 204],
  missed: [200, 45, 45],
};
const white = [255, 255, 255];

/** Each shape maps a point (0..1 square) to a colour or null (transparent). */
function shapeFor(key) {
  const [state, variant] = key.split('-');
  const colour = colours[state];
  return (x, y) => {
    const d = Math.hypot(x - 0.5, y - 0.5);
    if (state === 'offline') return d <= 0.42 && d >= 0.28 ? colour : null;
    if (state === 'missed') {
      if (d > 0.42) return null;
      if (d >= 0.3) return colour;
      return d <= 0.13 ? colour : white;
    }
    if (d > 0.42) return null;
    if (state === 'call') return d >= 0.2 && d <= 0.28 ? white : colour;
    // Not ready: a white slash from top-right to bottom-left.
    if (variant === 'notready' && Math.abs(x + y - 1) / Math.SQRT2 <= 0.07) return white;
    return colour;
  };
}

function draw(size, shape) {
  const samples = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const sum = [0, 0, 0];
      let cover = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const colour = shape((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          cover += 1;
          for (let c = 0; c < 3; c += 1) sum[c] += colour[c];
        }
      }
      const offset = y * (size * 4 + 1) + 1 + x * 4;
      for (let c = 0; c < 3; c += 1) raw[offset + c] = cover ? Math.round(sum[c] / cover) : 0;
      raw[offset + 3] = Math.round((255 * cover) / samples ** 2);
    }
  }
  return encodePng(size, size, raw);
}

const keys = [
  ...['available', 'busy', 'away', 'wrapup'].flatMap((state) => [state, `${state}-notready`]),
  'offline',
  'call',
  'missed',
];
const folder = new URL('./tray/', import.meta.url);
mkdirSync(folder, { recursive: true });
for (const key of keys) {
  writeFileSync(new URL(`${key}.png`, folder), draw(16, shapeFor(key)));
  writeFileSync(new URL(`${key}@2x.png`, folder), draw(32, shapeFor(key)));
}
console.log(`${keys.length} tray icons written to resources/tray/`);
