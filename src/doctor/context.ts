/** What the config rules look at: the pipeline, train.yaml, the task, the domain and facts about the data. */
import type { PoolMeasure } from '../perf/predict.js';
import type { Task } from '../core/config.js';
import type { DomainProfile } from '../domains/profile.js';
import type { DoctorPipeline } from './steps.js';
import type { TrainConfig } from './train-config.js';

/** Facts read from the dataset (`--data`), when given. */
export interface DataFacts {
  /** The keypoint schema carries flip partners (YOLO flip_idx, COCO flip_idx/flip_pairs). */
  readonly flipPairs?: boolean;
  /** Annotations carry polygons or RLE masks, so boxes can be refit after rotation. */
  readonly masksOrPolygons?: boolean;
  /** The pipeline timed on this data (`augury profile`), for the throughput rule. */
  readonly throughput?: ThroughputMeasurement;
}

/** What the throughput rule needs from the profiler: the per-core rate and per-step times. */
export type { PoolMeasure };

export interface ThroughputMeasurement {
  readonly imagesPerSecPerCore: number;
  /** Mean milliseconds per image and share of the step time, per step name. */
  readonly steps: readonly { readonly name: string; readonly ms: number; readonly share: number }[];
  /** One pool worker measured on the data (rate and process CPU per image): the model then uses it. */
  readonly pool?: PoolMeasure;
}

export interface ConfigContext {
  readonly pipeline?: DoctorPipeline;
  readonly train?: TrainConfig;
  /** `--task`, else the pipeline's `task:`. */
  readonly task?: Task;
  /** `--domain`, else the pipeline's `domain:`. */
  readonly domain?: string;
  readonly profiles?: ReadonlyMap<string, DomainProfile>;
  readonly data?: DataFacts;
}

/** The target kinds a task's samples carry (the ones a transform must be able to map). */
export function taskTargets(task: Task, data?: DataFacts): string[] {
  switch (task) {
    case 'classification':
      return ['image', 'label'];
    case 'detection':
      return data?.masksOrPolygons ? ['image', 'boxes', 'label', 'polygons', 'mask'] : ['image', 'boxes', 'label'];
    case 'segmentation':
      return ['image', 'mask'];
    case 'keypoints':
      return ['image', 'keypoints'];
  }
}
