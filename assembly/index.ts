// The wasm backend's entry: every kernel module re-exported here. Kernels take byte offsets into
// this module's memory (laid out by src/backend/arena.ts) and never allocate: the memory is the
// caller's, so the runtime is `stub` and nothing is collected.
export * from './flip';
export * from './color';
export * from './gray';
export * from './blur';
export * from './warp';
export * from './noise';
export * from './resize';
export * from './fields';
