// The RGBA example's parts: a synthetic test image, the grading expression (gamma and contrast on
// the colour channels, alpha kept) and a minimal PNG writer/reader (8-bit RGBA, Node's zlib).
// test/examples/rgba.test.ts checks grade() against NumPy (test/numpy/rgba.py wrote the fixture).

import { deflateSync, inflateSync } from 'node:zlib';
import { evaluate, asBool, type EvaluateOptions } from 'fusexpr';

/**
 * Gamma, then contrast around mid-grey, on R, G and B; alpha (where `isAlpha`) passes through. The
 * out is a Uint8ClampedArray, like canvas ImageData.data: it saturates to [0, 255] and rounds half to even.
 */
export const GRADE = 'where(isAlpha, v, contrast * (255 * (v / 255) ** gamma - 127.5) + 127.5)';

/** The image graded into a new Uint8ClampedArray (pixels as rows of 4 channels; the mask broadcasts along them). */
export function grade(rgba: Uint8ClampedArray, gamma: number, contrast: number, options?: EvaluateOptions): Uint8ClampedArray {
  const out = new Uint8ClampedArray(rgba.length);
  const shape = [rgba.length / 4, 4];
  const isAlpha = asBool(new Uint8Array([0, 0, 0, 1]));
  evaluate(GRADE, { v: { data: rgba, shape }, isAlpha, gamma, contrast }, { data: out, shape }, options);
  return out;
}

/** A w×h test card: red grows left to right, green top to bottom, blue is an xor pattern, alpha a checkerboard. */
export function syntheticImage(w: number, h: number): Uint8ClampedArray {
  const img = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = (y * w + x) * 4;
      img[p] = Math.floor((x * 255) / Math.max(1, w - 1));
      img[p + 1] = Math.floor((y * 255) / Math.max(1, h - 1));
      img[p + 2] = ((x ^ y) * 7) & 255;
      img[p + 3] = (Math.floor(x / 4) + Math.floor(y / 4)) % 2 ? 128 : 255;
    }
  }
  return img;
}

// ---- PNG: 8-bit RGBA, no interlace ---------------------------------------------------------------

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** A PNG file of w×h RGBA pixels (each row filter 0, deflated by zlib). */
export function encodePng(w: number, h: number, rgba: Uint8Array | Uint8ClampedArray): Uint8Array {
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, w);
  hv.setUint32(4, h);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, adaptive filtering, no interlace
  const raw = new Uint8Array(h * (w * 4 + 1));
  for (let y = 0; y < h; y++) raw.set(rgba.subarray(y * w * 4, (y + 1) * w * 4), y * (w * 4 + 1) + 1);
  const parts = [Uint8Array.from(SIGNATURE), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))];
  const file = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    file.set(p, at);
    at += p.length;
  }
  return file;
}

/** The pixels of an 8-bit RGBA or RGB PNG (no interlace), as RGBA in a Uint8ClampedArray. */
export function decodePng(file: Uint8Array): { width: number; height: number; data: Uint8ClampedArray } {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (!SIGNATURE.every((b, i) => file[i] === b)) throw new Error('not a PNG file');
  let w = 0, h = 0, channels = 4;
  const idat: Uint8Array[] = [];
  for (let at = 8; at < file.length; ) {
    const len = view.getUint32(at);
    const type = new TextDecoder().decode(file.subarray(at + 4, at + 8));
    const data = file.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      [w, h] = [view.getUint32(at + 8), view.getUint32(at + 12)];
      if (data[8] !== 8 || (data[9] !== 6 && data[9] !== 2) || data[12] !== 0) throw new Error('only 8-bit RGB/RGBA PNGs without interlace');
      channels = data[9] === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = w * channels;
  const px = new Uint8Array(h * stride);
  for (let y = 0; y < h; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i]!;
      const a = i >= channels ? px[y * stride + i - channels]! : 0;
      const b = y > 0 ? px[(y - 1) * stride + i]! : 0;
      const c = i >= channels && y > 0 ? px[(y - 1) * stride + i - channels]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      px[y * stride + i] = (x + [0, a, b, (a + b) >> 1, paeth][filter]!) & 255;
    }
  }
  const data = new Uint8ClampedArray(w * h * 4);
  for (let k = 0; k < w * h; k++) {
    data.set(px.subarray(k * channels, k * channels + 3), k * 4);
    data[k * 4 + 3] = channels === 4 ? px[k * 4 + 3]! : 255;
  }
  return { width: w, height: h, data };
}
