/** Decoding JPEG, PNG, WebP and TIFF into `Image` through sharp. */
import sharp from 'sharp';
import { AuguryError } from '../../core/errors.js';
import { imageFrom, type Image } from '../../targets/image.js';
import type { DecodeOptions, ImageHeader } from './codec.js';
import { checkImageFile, emptyFile, readImageBytes } from './files.js';
import { checkPixels, headerOf, planDecode, resolveMaxPixels, type DecodePlan } from './plan.js';
import { readJpegHeader } from './jpeg-header.js';
import { readError } from './sharp-errors.js';

/**
 * Decodes an encoded image. 8-bit files give uint8, 16-bit PNG/TIFF uint16, 32-bit float TIFF
 * float32. Gray stays 1 channel; gray+alpha is widened to RGBA and palettes to RGB(A). Embedded
 * ICC profiles are ignored, so the values are the stored ones (as PIL and OpenCV read them).
 * Multi-page TIFF and animated WebP give their first page.
 * @throws AuguryError `corrupt-image` (also for truncated data), `unknown-format`, `too-large`.
 * @example const img = await decodeImage(bytes, { file: 'train/0001.jpg' });
 */
export async function decodeImage(bytes: Uint8Array, opts: DecodeOptions = {}): Promise<Image> {
  const { file } = opts;
  const exif = checkExif(opts.exif);
  const limit = resolveMaxPixels(opts.maxPixels);
  if (bytes.byteLength === 0) throw emptyFile(file);
  const plan = jpegPlan(bytes, exif, limit, file) ?? (await planFrom(bytes, exif, limit, file));
  let out: { data: Buffer; info: sharp.OutputInfo };
  try {
    // failOn 'error' rejects truncated and broken data but tolerates libjpeg's harmless warnings
    // (extraneous bytes before a marker), which many real datasets contain.
    let pipe = sharp(bytes, { limitInputPixels: limit === 0 ? false : limit, failOn: 'error', ignoreIcc: true });
    if (exif === 'apply' && plan.orientation !== 1) pipe = pipe.autoOrient();
    out = await pipe.toColourspace(plan.colourspace).raw({ depth: plan.rawDepth }).toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw readError(e, file, limit);
  }
  return toImage(out.data, out.info, plan, file);
}

/** Reads and decodes an image file; see `decodeImage`. */
export async function readImage(path: string, opts: DecodeOptions = {}): Promise<Image> {
  const bytes = await readImageBytes(path);
  return decodeImage(bytes, { ...opts, file: opts.file ?? path });
}

/**
 * Reads an image's size, channels, bit depth and orientation from its header, without decoding
 * pixels. With `exif: 'apply'` (default) width and height are the upright ones, as `decodeImage`
 * returns them; compare label files against these.
 * @throws AuguryError as `decodeImage`, except that truncated pixel data is not detected here.
 */
export async function readImageHeader(input: string | Uint8Array, opts: DecodeOptions = {}): Promise<ImageHeader> {
  const exif = checkExif(opts.exif);
  const limit = resolveMaxPixels(opts.maxPixels);
  if (typeof input === 'string') {
    const file = opts.file ?? input;
    await checkImageFile(input);
    return headerOf(await planFrom(input, exif, limit, file));
  }
  if (input.byteLength === 0) throw emptyFile(opts.file);
  return headerOf(jpegPlan(input, exif, limit, opts.file) ?? (await planFrom(input, exif, limit, opts.file)));
}

/**
 * The plan of an ordinary 8-bit gray or colour JPEG from its own header (jpeg-header.ts), without
 * a sharp metadata call; null for anything else, which sharp then reads.
 */
function jpegPlan(bytes: Uint8Array, exif: 'apply' | 'ignore', limit: number, file: string | undefined): DecodePlan | null {
  const h = readJpegHeader(bytes);
  if (!h) return null;
  checkPixels(h.width, h.height, limit, file);
  const swap = exif === 'apply' && h.orientation >= 5;
  return {
    format: 'jpeg',
    width: swap ? h.height : h.width,
    height: swap ? h.width : h.height,
    channels: h.components,
    dtype: 'uint8',
    bitDepth: 8,
    hasAlpha: false,
    orientation: h.orientation,
    storedWidth: h.width,
    storedHeight: h.height,
    colourspace: h.components === 1 ? 'b-w' : 'srgb',
    rawDepth: 'uchar',
  };
}

async function planFrom(input: string | Uint8Array, exif: 'apply' | 'ignore', limit: number, file: string | undefined): Promise<DecodePlan> {
  let plan: DecodePlan;
  try {
    // No pixel limit here: reading the header is safe, and our own check below names the numbers.
    const meta = await sharp(input, { limitInputPixels: false }).metadata();
    plan = planDecode(meta, exif, file);
  } catch (e) {
    throw readError(e, file, limit);
  }
  checkPixels(plan.storedWidth, plan.storedHeight, limit, file);
  return plan;
}

function checkExif(exif: DecodeOptions['exif']): 'apply' | 'ignore' {
  if (exif === undefined || exif === 'apply' || exif === 'ignore') return exif ?? 'apply';
  throw new AuguryError({
    code: 'validation',
    message: 'unknown exif mode',
    key: 'exif',
    expected: "'apply' or 'ignore'",
    received: String(exif),
  });
}

function toImage(buf: Buffer, info: sharp.OutputInfo, plan: DecodePlan, file: string | undefined): Image {
  const { width, height, channels } = info;
  if (channels !== plan.channels || width !== plan.width || height !== plan.height) {
    // Header and pixels disagree: the file lies about itself.
    throw new AuguryError({
      code: 'corrupt-image',
      message: 'decoded pixels do not match the image header',
      file,
      expected: `${plan.width}x${plan.height}x${plan.channels}`,
      received: `${width}x${height}x${channels}`,
      hint: 're-export the image from its source, or remove the record from the dataset',
    });
  }
  const ch = plan.channels;
  // Copy when the bytes share a larger allocation (Buffer pool) or are misaligned for the view.
  const own = buf.byteOffset === 0 && buf.buffer.byteLength === buf.byteLength;
  const bytes = own ? buf.buffer : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  switch (plan.dtype) {
    case 'uint8':
      return imageFrom(width, height, ch, 'uint8', new Uint8Array(bytes));
    case 'uint16':
      return imageFrom(width, height, ch, 'uint16', new Uint16Array(bytes));
    case 'float32':
      return imageFrom(width, height, ch, 'float32', new Float32Array(bytes));
  }
}
