// Builds the benchmark fixtures from the shared real photos (run once; the outputs are committed):
// each photo is resized with augury's exact area filter to 500x375 and 224x224 and encoded as
// JPEG quality 90 with 4:2:0 chroma subsampling (sharp's default).
//   npx tsx bench/make-fixtures.ts ../shared/images
import { join } from 'node:path';
import { resizeImage } from '../src/functional/geometric/index.js';
import { readImage, writeImage } from '../src/io/codecs/index.js';

const src = process.argv[2] ?? '../shared/images';
for (const name of ['chelsea', 'coffee']) {
  const img = await readImage(join(src, `${name}.png`));
  for (const [w, h] of [[500, 375], [224, 224]] as const) {
    await writeImage(join('bench/fixtures', `${name}-${w}x${h}-q90.jpg`), resizeImage(img, w, h, 'area'), { quality: 90 });
  }
}
console.log('wrote bench/fixtures');
