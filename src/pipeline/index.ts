/** Worker pool and training-loop loader (Node only). */
export { createLoader, type Loader, type LoaderOptions } from './loader.js';
export { collate, type Batch, type Layout, type BatchKeypoints, type BatchPolygons, type BatchMasks, type BatchInstanceMasks } from './collate.js';
export { AugmentPool, withMixClasses, type PoolOptions } from './pool.js';
export { packPolygons, packInstanceMasks, transferables, type PackedPolygons, type PackedInstanceMasks } from './pack.js';
export { epochOrder, shard, batchesOf } from './order.js';
export { openSource, type SourceSpec, type DatasetSourceSpec, type ModuleSourceSpec, type SampleSource } from './source.js';
export { createAugmenter, type WorkUnit, type AugmentedSample, type OutputSize, type AugmenterSetup } from './unit.js';
