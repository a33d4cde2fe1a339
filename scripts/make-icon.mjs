#!/usr/bin/env node
// Draws resources/icon.png (1024×1024; electron-builder derives .icns and .ico from it): a dark
// rounded tile with three trace-row bars. Kept as code so the icon can be changed and re-made
// without an image editor: `node scripts/make-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;

/** Signed distance from (x, y) to a rounded rectangle; negative inside. */
function roundRect(x, y, { x0, y0, x1, y1, r }) {
  const cx = Math.max(x0 + r, Math.min(x, x1 - r));
  const cy = Math.max(y0 + r, Math.min(y, y1 - r));
  return Math.hypot(x - cx, y - cy) - r;
}

const shapes = [
  { rect: { x0: 64, y0: 64, x1: 960, y1: 960, r: 200 }, rgb: [22, 27, 34] },
  { rect: { x0: 224, y0: 300, x1: 800, y1: 404, r: 52 }, rgb: [45, 212, 191] },
  { rect: { x0: 224, y0: 460, x1: 680, y1: 564, r: 52 }, rgb: [251, 191, 36] },
  { rect: { x0: 224, y0: 620, x1: 560, y1: 724, r: 52 }, rgb: [96, 165, 250] },
];

const rows = [];
for (let y = 0; y < SIZE; y++) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
  for (let x = 0; x < SIZE; x++) {
    let [r, g, b, a] = [0, 0, 0, 0];
    for (const { rect, rgb } of shapes) {
      const cover = Math.max(0, Math.min(1, 0.5 - roundRect(x + 0.5, y + 0.5, rect)));
      if (cover === 0) continue;
      // "over" compositing, straight alpha
      const outA = cover + a * (1 - cover);
      [r, g, b] = [0, 1, 2].map((i) => (rgb[i] * cover + [r, g, b][i] * a * (1 - cover)) / outA);
      a = outA;
    }
    row.set([Math.round(r), Math.round(g), Math.round(b), Math.round(a * 255)], 1 + x * 4);
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../resources/icon.png', import.meta.url), png);
console.log(`resources/icon.png ${SIZE}×${SIZE}, ${png.length} bytes`);
