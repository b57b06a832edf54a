/** Importing this module registers every built-in transform. */
export * from './geometric/index.js';
export * from './color/index.js';
export * from './blur-noise/index.js';
export * from './occlusion/index.js';
export * from './bbox-only/index.js';
export * from '../policies/index.js';
export * from '../mixing/index.js';
