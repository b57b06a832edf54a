/** Ultralytics YOLO datasets: detection, segmentation and pose labels with a data.yaml. */
export { readYolo, labelPathFor } from './read.js';
export { writeYolo, type YoloKind, type YoloWriteOptions } from './write.js';
export { findDataYaml, loadDataYaml, type YoloConfig } from './data-yaml.js';
export { parseLabelLine, expectedValues, type LabelLayout } from './labels.js';
