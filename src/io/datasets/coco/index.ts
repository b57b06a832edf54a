/** COCO JSON datasets: reader, writer and the RLE helpers they share. */
export { readCoco } from './read.js';
export { writeCoco, type CocoWriteOptions } from './write.js';
export { decodeCountsString, encodeCountsString, polygonArea, polygonsToMask, rleArea, rleCounts, rleDecode, rleEncode, rleToBox } from './rle.js';
export { shortestDelta } from './numbers.js';
