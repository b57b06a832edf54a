/**
 * Pictures of samples: each augmented copy with its boxes, polygons, masks and keypoints drawn on
 * it, tiled into a grid, so users see what their pipeline does to the labels.
 */
import sharp from 'sharp';
import type { Image } from '../targets/image.js';
import { maxValueOf } from '../targets/image.js';
import type { Sample } from '../targets/sample.js';

const PALETTE = ['#e6194b', '#3cb44b', '#ffe119', '#4363d8', '#f58231', '#911eb4', '#46f0f0', '#f032e6', '#bcf60c', '#fabebe', '#008080', '#e6beff'];

function colour(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}

/** Any image as 8-bit RGB for display (float images are stretched to their own range when not in [0, 1]). */
export function displayRgb(img: Image): Buffer {
  const n = img.width * img.height;
  const out = Buffer.alloc(n * 3);
  let lo = 0;
  let hi = maxValueOf(img);
  if (!Number.isFinite(hi)) {
    lo = Infinity;
    hi = -Infinity;
    for (const v of img.data) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (hi <= lo) hi = lo + 1;
  }
  const scale = 255 / (hi - lo);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) {
      const src = img.channels === 1 ? img.data[i]! : img.data[i * img.channels + c]!;
      out[i * 3 + c] = Math.max(0, Math.min(255, Math.round((src - lo) * scale)));
    }
  }
  return out;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** SVG overlay of a sample's labels, in the image's pixel coordinates. */
export function labelOverlay(s: Sample, names?: readonly string[]): string {
  const { width: w, height: h } = s.image;
  const stroke = Math.max(1, Math.round(Math.min(w, h) / 200));
  const parts: string[] = [];
  if (s.polygons) {
    s.polygons.instances.forEach((rings, i) => {
      for (const r of rings) parts.push(`<polygon points="${Array.from(r).map((v) => v.toFixed(2)).join(' ')}" fill="${colour(s.polygons!.labels[i]!)}" fill-opacity="0.25" stroke="${colour(s.polygons!.labels[i]!)}" stroke-width="${stroke}"/>`);
    });
  }
  if (s.boxes) {
    const b = s.boxes;
    for (let i = 0; i < b.labels.length; i++) {
      const [x1, y1, x2, y2] = [b.xyxy[i * 4]!, b.xyxy[i * 4 + 1]!, b.xyxy[i * 4 + 2]!, b.xyxy[i * 4 + 3]!];
      const c = colour(b.labels[i]!);
      parts.push(`<rect x="${x1}" y="${y1}" width="${x2 - x1}" height="${y2 - y1}" fill="none" stroke="${c}" stroke-width="${stroke}"/>`);
      const label = names?.[b.labels[i]!] ?? String(b.labels[i]);
      const vis = b.visibility[i]! < 0.999 ? ` ${Math.round(b.visibility[i]! * 100)}%` : '';
      parts.push(`<text x="${x1 + 2}" y="${Math.max(9, y1 - 2)}" font-family="sans-serif" font-size="${Math.max(8, stroke * 8)}" fill="${c}">${esc(label + vis)}</text>`);
    }
  }
  if (s.keypoints) {
    const k = s.keypoints;
    const kk = k.names?.length ?? 0;
    if (k.skeleton && kk > 0) {
      for (let base = 0; base + kk <= k.visibility.length; base += kk) {
        for (const [a, b] of k.skeleton) {
          const i = base + a;
          const j = base + b;
          if (k.visibility[i]! > 0 && k.visibility[j]! > 0) parts.push(`<line x1="${k.xy[2 * i]}" y1="${k.xy[2 * i + 1]}" x2="${k.xy[2 * j]}" y2="${k.xy[2 * j + 1]}" stroke="#ffffff" stroke-width="${stroke}"/>`);
        }
      }
    }
    for (let i = 0; i < k.visibility.length; i++) {
      if (k.visibility[i] === 0) continue;
      const c = kk > 0 ? colour(i % kk) : '#ff0000';
      parts.push(`<circle cx="${k.xy[2 * i]}" cy="${k.xy[2 * i + 1]}" r="${stroke * 2}" fill="${k.visibility[i] === 2 ? c : 'none'}" stroke="${c}" stroke-width="${stroke}"/>`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${parts.join('')}</svg>`;
}

/** Semantic and instance masks as a translucent colour layer (RGBA). */
function maskLayer(s: Sample): Buffer | null {
  const { width: w, height: h } = s.image;
  if (!s.mask && !s.instanceMasks) return null;
  const out = Buffer.alloc(w * h * 4);
  const paint = (i: number, cls: number) => {
    const hex = colour(cls);
    out[i * 4] = parseInt(hex.slice(1, 3), 16);
    out[i * 4 + 1] = parseInt(hex.slice(3, 5), 16);
    out[i * 4 + 2] = parseInt(hex.slice(5, 7), 16);
    out[i * 4 + 3] = 110;
  };
  if (s.mask && s.mask.width === w && s.mask.height === h) s.mask.data.forEach((v, i) => v > 0 && paint(i, v - 1));
  if (s.instanceMasks && s.instanceMasks.width === w && s.instanceMasks.height === h) {
    s.instanceMasks.masks.forEach((m, k) => m.forEach((v, i) => v > 0 && paint(i, s.instanceMasks!.labels[k]! + k)));
  }
  return out;
}

/** One sample drawn with its labels, as a PNG-ready sharp pipeline's raw RGB buffer. */
export async function drawSample(s: Sample, names?: readonly string[]): Promise<Buffer> {
  const { width: w, height: h } = s.image;
  const layers: sharp.OverlayOptions[] = [];
  const masks = maskLayer(s);
  if (masks) layers.push({ input: masks, raw: { width: w, height: h, channels: 4 } });
  layers.push({ input: Buffer.from(labelOverlay(s, names)) });
  return sharp(displayRgb(s.image), { raw: { width: w, height: h, channels: 3 } }).composite(layers).png().toBuffer();
}

/**
 * An image enlarged `scale` times (nearest, so pixels stay visible) with an SVG overlay drawn in
 * the enlarged coordinates, as PNG bytes.
 */
export async function drawOverlay(image: Image, svg: string, scale: number): Promise<Buffer> {
  const { width: w, height: h } = image;
  const base = await sharp(displayRgb(image), { raw: { width: w, height: h, channels: 3 } }).resize(w * scale, h * scale, { kernel: 'nearest' }).png().toBuffer();
  return sharp(base).composite([{ input: Buffer.from(svg) }]).png().toBuffer();
}

export interface GridTile {
  readonly sample: Sample;
  readonly caption: string;
}

/** Tiles drawn samples into one PNG with captions; tiles are scaled to `tileWidth`. */
export async function renderGrid(tiles: readonly GridTile[], opts: { columns?: number; tileWidth?: number; names?: readonly string[] } = {}): Promise<Buffer> {
  const cols = opts.columns ?? Math.ceil(Math.sqrt(tiles.length));
  const tileW = opts.tileWidth ?? 256;
  const drawn = await Promise.all(
    tiles.map(async (t) => {
      const png = await drawSample(t.sample, opts.names);
      const scaled = await sharp(png).resize({ width: tileW, height: tileW, fit: 'contain', background: '#202020', kernel: 'nearest' }).png().toBuffer();
      return { png: scaled, caption: t.caption };
    }),
  );
  const captionH = 16;
  const gap = 4;
  const rows = Math.ceil(tiles.length / cols);
  const W = cols * (tileW + gap) + gap;
  const H = rows * (tileW + captionH + gap) + gap;
  const layers: sharp.OverlayOptions[] = [];
  const captions: string[] = [];
  drawn.forEach((d, i) => {
    const x = gap + (i % cols) * (tileW + gap);
    const y = gap + Math.floor(i / cols) * (tileW + captionH + gap);
    layers.push({ input: d.png, left: x, top: y });
    // About 6 px per character at 11 px: cut long captions so they stay under their tile.
    const max = Math.floor((tileW - 4) / 6);
    const text = d.caption.length > max ? d.caption.slice(0, max - 1) + '…' : d.caption;
    captions.push(`<text x="${x + 2}" y="${y + tileW + 12}" font-family="sans-serif" font-size="11" fill="#e0e0e0">${esc(text)}</text>`);
  });
  layers.push({ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${captions.join('')}</svg>`), left: 0, top: 0 });
  return sharp({ create: { width: W, height: H, channels: 3, background: '#101010' } }).composite(layers).png().toBuffer();
}
