// demo/image: small generated PNG photos for the demo newsroom's lead images.
//
// A "photo" is a sky-to-ground gradient in the event's hue with a horizon and a few
// blocks, drawn into raw RGB rows and deflated (PNG needs only zlib and a CRC). No image
// files ship with the project and no image from anywhere else is used.
import { crc32, deflateSync } from 'node:zlib';
import { hash32 } from './random.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number): number => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): number => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)))));
  return [f(0), f(8), f(4)];
}

/** A width×height PNG for one article image: the same (hue, key) always gives the same bytes. */
export function demoPng(width: number, height: number, hue: number, key: string): Buffer {
  const seed = hash32('image', key);
  const horizon = Math.floor(height * (0.45 + (seed % 20) / 100));
  const blocks = Array.from({ length: 4 }, (_, k) => {
    const v = hash32(seed, k);
    const w = 20 + (v % Math.max(1, Math.floor(width / 5)));
    const x0 = (v >>> 8) % Math.max(1, width - w);
    const h = 20 + ((v >>> 16) % Math.max(1, Math.floor(height / 3)));
    return { x0, x1: x0 + w, top: horizon - h };
  });
  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0; // filter: none
    const sky = y < horizon;
    const base = sky ? hsl(hue, 0.45, 0.75 - 0.25 * (y / horizon)) : hsl((hue + 30) % 360, 0.35, 0.35 - 0.15 * ((y - horizon) / (height - horizon)));
    const block = hsl((hue + 180) % 360, 0.2, 0.3);
    for (let x = 0; x < width; x++) {
      const inBlock = sky && blocks.some((b) => x >= b.x0 && x < b.x1 && y >= b.top);
      const c = inBlock ? block : base;
      const o = y * row + 1 + x * 3;
      raw[o] = c[0]; raw[o + 1] = c[1]; raw[o + 2] = c[2];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Windows-1252 bytes for the characters in 0x80–0x9F; everything else below 0x100 maps to itself. */
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88, 0x2030: 0x89,
  0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95,
  0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** Encodes HTML as windows-1252; characters it cannot hold become numeric references. */
export function encodeWindows1252(html: string): Buffer {
  const out: number[] = [];
  for (const ch of html) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) out.push(cp);
    else if (CP1252_HIGH[cp] !== undefined) out.push(CP1252_HIGH[cp]);
    else for (const b of Buffer.from(`&#${cp};`, 'ascii')) out.push(b);
  }
  return Buffer.from(out);
}
