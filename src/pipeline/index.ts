/** Worker pool and training-loop loader (Node only). */
export { createLoader, type Loader, type LoaderOptions } from './loader.js';
export { collate, type Batch, type Layout } from './collate.js';
export { AugmentPool, type PoolOptions } from './pool.js';
export { epochOrder, shard, batchesOf } from './order.js';
export { openSource, type SourceSpec, type DatasetSourceSpec, type ModuleSourceSpec, type SampleSource } from './source.js';
export { createAugmenter, type WorkUnit, type AugmentedSample, type OutputSize, type AugmenterSetup } from './unit.js';
