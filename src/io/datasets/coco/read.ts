/**
 * Reads a COCO annotation file (`instances_*.json`, `person_keypoints_*.json`) into a
 * DatasetIndex. Image sizes come from the JSON (images are not decoded here); every bad record
 * is reported on its own and skipped, and the rest of the dataset is read. The file is walked
 * record by record (scan.ts), so the peak memory is that of the index, not of the parsed text.
 */
import type { ReadOptions } from '../io-types.js';
import type { Annotation, DatasetIndex } from '../model.js';
import { imageRecord, scanCoco } from './scan.js';
import type { CocoImage } from './schema.js';

/**
 * Reads the COCO file at `jsonPath`. Images are looked up under `opts.imagesDir` when given,
 * else next to the JSON file, else in an `images` folder next to it (whichever holds the first
 * few images). Records whose image file is missing are skipped and reported.
 *
 * @example
 * const index = await readCoco('data/annotations.json', { report: new RunReport('skip') });
 */
export async function readCoco(jsonPath: string, opts: ReadOptions): Promise<DatasetIndex> {
  const images: CocoImage[] = [];
  const annotations: Annotation[][] = [];
  const scan = await scanCoco(jsonPath, opts, {
    image: (r, image) => {
      images[r] = image;
      annotations[r] = [];
    },
    annotation: (r, a) => annotations[r]!.push(a),
  });
  const { format, source, imageRoot, categories, task, keypoints, extra } = scan.header;
  return {
    format,
    source,
    imageRoot,
    categories,
    records: images.map((image, r) => imageRecord(image, annotations[r]!)),
    task,
    ...(keypoints ? { keypoints } : {}),
    ...(extra ? { extra } : {}),
  };
}
