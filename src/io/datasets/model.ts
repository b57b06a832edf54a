/**
 * The in-memory index of a dataset, shared by every reader and writer. Annotations are held in
 * memory; pixels never are (records point at image files, decoded one at a time).
 *
 * Geometry here is already in augury's convention: boxes `xyxy` in absolute pixels, polygons and
 * keypoints in continuous coordinates (docs/coordinates.md). Readers convert on the way in,
 * writers on the way out.
 */

export type DatasetFormat = 'coco' | 'yolo' | 'voc' | 'folder';

export interface Category {
  /** The id the source format uses (COCO category id; YOLO/VOC/folder: the class index). */
  readonly id: number;
  readonly name: string;
  readonly supercategory?: string;
  /** Keypoint names of this category's skeleton (COCO `keypoints`). */
  readonly keypoints?: readonly string[];
  /** Skeleton edges as 0-based keypoint indices (COCO stores them 1-based). */
  readonly skeleton?: readonly (readonly [number, number])[];
  /** Any other attributes, written back unchanged by the same format. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** COCO run-length encoding (column-major), uncompressed counts or the compressed string. */
export interface Rle {
  readonly size: readonly [number, number]; // [height, width]
  readonly counts: readonly number[] | string;
}

export interface Annotation {
  /** The source's annotation id, when it has one (COCO). */
  readonly id?: number;
  /** Index into `DatasetIndex.categories`. */
  readonly category: number;
  /** xyxy, absolute pixels. */
  readonly box?: readonly [number, number, number, number];
  /** Polygon rings, flat x, y, ... in continuous coordinates. */
  readonly polygons?: readonly (readonly number[])[];
  readonly rle?: Rle;
  readonly iscrowd?: boolean;
  /** Area as the source states it (COCO `area`); recomputed when absent. */
  readonly area?: number;
  /** Keypoints as continuous x, y pairs with COCO visibility. */
  readonly keypoints?: { readonly xy: readonly number[]; readonly visibility: readonly number[] };
  /** VOC `difficult`, `truncated`, `pose`, YOLO nothing, COCO any unknown key. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface ImageRecord {
  /** The source's image id (COCO id; others: the file stem). */
  readonly id: number | string;
  /** Image path relative to `DatasetIndex.imageRoot`, with forward slashes. */
  readonly file: string;
  /** Size as the label file states it (oriented size, after EXIF). Undefined when unknown. */
  readonly width?: number;
  readonly height?: number;
  readonly annotations: readonly Annotation[];
  /** Classification label (class folders), index into categories. */
  readonly label?: number;
  /**
   * A soft label over the categories (what mixing produces). Class folders write it to a
   * `labels.jsonl` sidecar; COCO writes it as the image's `softLabel` field (docs/mixing.md).
   */
  readonly softLabel?: readonly number[];
  /** Which split the record belongs to, when the source has splits. */
  readonly split?: string;
  /** Other attributes (COCO image keys, VOC source/segmented), kept for a same-format round trip. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface KeypointSchema {
  /** Keypoints per instance. */
  readonly count: number;
  /** Values stored per keypoint in the source (YOLO kpt_shape[1]: 2 or 3). */
  readonly dims?: 2 | 3;
  readonly names?: readonly string[];
  /** Horizontal flip partner of each keypoint index (YOLO flip_idx). */
  readonly flipIndex?: readonly number[];
  readonly skeleton?: readonly (readonly [number, number])[];
}

export interface DatasetIndex {
  readonly format: DatasetFormat;
  /** What the user pointed at (file or folder). */
  readonly source: string;
  /** Folder the image paths are relative to. */
  readonly imageRoot: string;
  readonly categories: readonly Category[];
  readonly records: readonly ImageRecord[];
  readonly keypoints?: KeypointSchema;
  /** Whether records carry classification labels rather than annotations. */
  readonly task: 'classification' | 'detection';
  /** Top-level attributes kept for a same-format round trip (COCO info/licenses, data.yaml keys). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** Everything of a DatasetIndex but its records (what a record-by-record source knows up front). */
export type DatasetHeader = Omit<DatasetIndex, 'records'>;

/** Which target kinds any record of a dataset has; every sample then carries the same kinds. */
export interface TargetKinds {
  readonly polygons: boolean;
  readonly keypoints: boolean;
  /** Some annotation is an RLE region: then every record gets instance masks, so any two samples mix. */
  readonly rle: boolean;
}
