/** Dataset statistics for `augury info`: counts, classes, image sizes, box-size histograms. */
import type { DatasetIndex } from './model.js';

/** Edges (in pixels of sqrt(box area)) of the box-size histogram; the last bin is open. */
export const BOX_SIZE_EDGES = [0, 8, 16, 32, 64, 128, 256, 512] as const;

export interface ClassStats {
  readonly id: number;
  readonly name: string;
  /** Annotations (detection) or images (classification) of this class. */
  readonly count: number;
  /** Images holding at least one annotation of this class (detection). */
  readonly images: number;
}

export interface DatasetStats {
  readonly format: string;
  readonly task: 'classification' | 'detection';
  readonly images: number;
  readonly annotations: number;
  readonly imagesWithoutAnnotations: number;
  readonly classes: readonly ClassStats[];
  readonly imageSizes: {
    readonly distinct: number;
    readonly minWidth: number;
    readonly maxWidth: number;
    readonly minHeight: number;
    readonly maxHeight: number;
    /** Most common sizes, `WxH` with their counts, most frequent first (at most 5). */
    readonly common: readonly { readonly size: string; readonly count: number }[];
  } | null;
  readonly annotationKinds: { readonly boxes: number; readonly polygons: number; readonly rle: number; readonly keypoints: number; readonly crowd: number };
  /** Histogram of sqrt(box area) in pixels over BOX_SIZE_EDGES. */
  readonly boxSizes: readonly { readonly from: number; readonly to: number | null; readonly count: number }[];
  /** COCO's size classes: small < 32^2 <= medium < 96^2 <= large (by box area). */
  readonly cocoSizes: { readonly small: number; readonly medium: number; readonly large: number };
  /** Histogram of box aspect ratio (width / height) in log2 bins from 1/8 to 8. */
  readonly aspectRatios: readonly { readonly from: number; readonly to: number | null; readonly count: number }[];
}

const ASPECT_EDGES = [0, 1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8] as const;

function histogram(edges: readonly number[], values: number[]) {
  const bins = edges.map((from, i) => ({ from, to: i + 1 < edges.length ? edges[i + 1]! : null, count: 0 }));
  for (const v of values) {
    let k = edges.length - 1;
    while (k > 0 && v < edges[k]!) k--;
    bins[k]!.count++;
  }
  return bins;
}

export function datasetStats(index: DatasetIndex): DatasetStats {
  const n = index.categories.length;
  const counts = new Array<number>(n).fill(0);
  const imagesPer = new Array<number>(n).fill(0);
  const sizes = new Map<string, number>();
  const sqrtAreas: number[] = [];
  const aspects: number[] = [];
  const kinds = { boxes: 0, polygons: 0, rle: 0, keypoints: 0, crowd: 0 };
  const coco = { small: 0, medium: 0, large: 0 };
  let annotations = 0;
  let empty = 0;
  let minW = Infinity, maxW = 0, minH = Infinity, maxH = 0;

  for (const r of index.records) {
    if (r.width !== undefined && r.height !== undefined) {
      const key = `${r.width}x${r.height}`;
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
      minW = Math.min(minW, r.width);
      maxW = Math.max(maxW, r.width);
      minH = Math.min(minH, r.height);
      maxH = Math.max(maxH, r.height);
    }
    if (index.task === 'classification') {
      if (r.label !== undefined && r.label < n) {
        counts[r.label]!++;
        imagesPer[r.label]!++;
      }
      continue;
    }
    if (r.annotations.length === 0) empty++;
    const seen = new Set<number>();
    for (const a of r.annotations) {
      annotations++;
      if (a.category < n) {
        counts[a.category]!++;
        seen.add(a.category);
      }
      if (a.polygons && a.polygons.length > 0) kinds.polygons++;
      if (a.rle) kinds.rle++;
      if (a.keypoints) kinds.keypoints++;
      if (a.iscrowd) kinds.crowd++;
      if (a.box) {
        kinds.boxes++;
        const w = a.box[2] - a.box[0];
        const h = a.box[3] - a.box[1];
        const area = w * h;
        sqrtAreas.push(Math.sqrt(area));
        if (h > 0) aspects.push(w / h);
        if (area < 32 * 32) coco.small++;
        else if (area < 96 * 96) coco.medium++;
        else coco.large++;
      }
    }
    for (const c of seen) imagesPer[c]!++;
  }
  const common = [...sizes.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([size, count]) => ({ size, count }));
  return {
    format: index.format,
    task: index.task,
    images: index.records.length,
    annotations,
    imagesWithoutAnnotations: index.task === 'detection' ? empty : 0,
    classes: index.categories.map((c, i) => ({ id: c.id, name: c.name, count: counts[i]!, images: imagesPer[i]! })),
    imageSizes: sizes.size === 0 ? null : { distinct: sizes.size, minWidth: minW, maxWidth: maxW, minHeight: minH, maxHeight: maxH, common },
    annotationKinds: kinds,
    boxSizes: histogram([...BOX_SIZE_EDGES], sqrtAreas),
    cocoSizes: coco,
    aspectRatios: histogram([...ASPECT_EDGES], aspects),
  };
}
