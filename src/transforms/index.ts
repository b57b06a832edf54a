/** Importing this module registers every built-in transform. */
export * from './geometric/index.js';
