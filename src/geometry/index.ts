/**
 * Exact geometry: matrices, and the maps of points, keypoints, polygons and boxes through them.
 * Matrix helpers are grouped under `matrix` so short names such as `compose` stay free for the
 * pipeline.
 */
export * as matrix from './matrix.js';
export type { Mat3 } from './matrix.js';
export { mapPoints, mapPointsInto, inFrame, frameTolerance, type Canvas } from './points.js';
export { mapKeypoints, hflipKeypoints, vflipKeypoints, type MapKeypointsOptions } from './keypoints.js';
export { clipRingToRect, ringArea, mapPolygons, type MappedPolygons } from './polygons.js';
export { mapBoxes, defaultBoxMethod, boxFromMask, boxFromPolygon, type BoxMethod, type MapBoxesOptions, type MappedBoxes } from './boxes.js';
export { filterBoxes, applyBoxFilter, type BoxFilterOptions, type BoxAligned } from './box-filter.js';
export * from './formats.js';
