/**
 * A minimal writer for uncompressed 32-bit float TIFF. sharp gives raw float input a 16-bit
 * interpretation and casts it to integers before saving, so float32 images cannot go through it;
 * libtiff (and so sharp, PIL, tifffile) reads this baseline layout.
 */
import { AuguryError } from '../../core/errors.js';
import type { ImageOf } from '../../targets/image.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const SHORT = 3;
const LONG = 4;

/** Encodes a float32 image as a single-strip little-endian TIFF (gray, RGB or RGBA). */
export function encodeFloatTiff(image: ImageOf<'float32'>, file?: string): Uint8Array {
  const { width, height, channels, data } = image;
  const dataBytes = data.length * 4;
  const tags: [number, number, number, number[]][] = [
    [256, LONG, 1, [width]],
    [257, LONG, 1, [height]],
    [258, SHORT, channels, new Array<number>(channels).fill(32)],
    [259, SHORT, 1, [1]], // no compression
    [262, SHORT, 1, [channels === 1 ? 1 : 2]], // min-is-black or RGB
    [273, LONG, 1, [0]], // strip offset, patched below
    [277, SHORT, 1, [channels]],
    [278, LONG, 1, [height]],
    [279, LONG, 1, [dataBytes]],
    [284, SHORT, 1, [1]], // interleaved
    ...(channels === 4 ? [[338, SHORT, 1, [2]] as [number, number, number, number[]]] : []), // unassociated alpha
    [339, SHORT, channels, new Array<number>(channels).fill(3)], // IEEE float
  ];
  const ifdSize = 2 + tags.length * 12 + 4;
  // Values longer than 4 bytes live after the directory.
  let extra = 8 + ifdSize;
  const extraOffsets = tags.map(([, type, count]) => {
    const size = count * (type === SHORT ? 2 : 4);
    if (size <= 4) return -1;
    const at = extra;
    extra += size;
    return at;
  });
  const dataOffset = extra + (extra % 4); // word-align the pixels
  const total = dataOffset + dataBytes;
  if (total > 0xffffffff) {
    throw new AuguryError({
      code: 'unsupported',
      message: 'float image is too large for a classic TIFF (4 GiB)',
      file,
      received: `${width}x${height}x${channels}`,
      hint: 'split the image into tiles or store it as uint16',
    });
  }
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint16(0, 0x4949, true); // "II": little-endian
  v.setUint16(2, 42, true);
  v.setUint32(4, 8, true);
  v.setUint16(8, tags.length, true);
  tags.forEach(([tag, type, count, values], i) => {
    const at = 10 + i * 12;
    if (tag === 273) values = [dataOffset];
    v.setUint16(at, tag, true);
    v.setUint16(at + 2, type, true);
    v.setUint32(at + 4, count, true);
    const offset = extraOffsets[i] ?? -1;
    const base = offset < 0 ? at + 8 : offset;
    if (offset >= 0) v.setUint32(at + 8, offset, true);
    values.forEach((value, k) => {
      if (type === SHORT) v.setUint16(base + k * 2, value, true);
      else v.setUint32(base + k * 4, value, true);
    });
  });
  v.setUint32(10 + tags.length * 12, 0, true); // no next directory
  if (LITTLE_ENDIAN) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, dataBytes), dataOffset);
  } else {
    for (let i = 0; i < data.length; i++) v.setFloat32(dataOffset + i * 4, data[i] ?? 0, true);
  }
  return out;
}
