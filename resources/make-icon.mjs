// Draws the app icon (a phone keypad on a rounded square) as resources/icon.svg and a
// 512×512 resources/icon.png, with no dependencies and no network: `node resources/make-icon.mjs`.
// electron-builder turns the PNG into .icns/.ico when packaging.
import { writeFileSync } from 'node:fs';
import { encodePng } from './png.mjs';

const size = 512;
const radius = 112;
const background = [31, 94, 204];
const foreground = [255, 255, 255];
// Keypad: 3 columns × 4 rows of keys, centred.
const keyRadius = 34;
const keys = [];
for (let row = 0; row < 4; row += 1) {
  for (let col = 0; col < 3; col += 1) keys.push([156 + col * 100, 106 + row * 100]);
}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <rect width="${size}" height="${size}" rx="${radius}" fill="rgb(${background.join(',')})"/>
${keys.map(([x, y]) => `  <circle cx="${x}" cy="${y}" r="${keyRadius}" fill="#fff"/>`).join('\n')}
</svg>
`;

function insideRoundedSquare(x, y) {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}
const onKey = (x, y) => keys.some(([kx, ky]) => (x - kx) ** 2 + (y - ky) ** 2 <= keyRadius ** 2);

// 4×4 supersampling for smooth edges; RGBA rows, each prefixed by filter byte 0.
const samples = 4;
const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y += 1) {
  raw[y * (size * 4 + 1)] = 0;
  for (let x = 0; x < size; x += 1) {
    let cover = 0;
    let white = 0;
    for (let sy = 0; sy < samples; sy += 1) {
      for (let sx = 0; sx < samples; sx += 1) {
        const px = x + (sx + 0.5) / samples;
        const py = y + (sy + 0.5) / samples;
        if (!insideRoundedSquare(px, py)) continue;
        cover += 1;
        if (onKey(px, py)) white += 1;
      }
    }
    const offset = y * (size * 4 + 1) + 1 + x * 4;
    const mix = cover ? white / cover : 0;
    for (let c = 0; c < 3; c += 1) raw[offset + c] = Math.round(background[c] * (1 - mix) + foreground[c] * mix);
    raw[offset + 3] = Math.round((255 * cover) / samples ** 2);
  }
}

const png = encodePng(size, size, raw);

const here = new URL('.', import.meta.url);
writeFileSync(new URL('icon.svg', here), svg);
writeFileSync(new URL('icon.png', here), png);
console.log(`icon.svg and icon.png (${png.length} bytes) written`);
