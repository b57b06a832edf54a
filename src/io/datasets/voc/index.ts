/** Pascal VOC datasets: one XML per image with 1-based inclusive pixel boxes. */
export { readVoc, CLASS_LIST_FILES } from './read.js';
export { writeVoc } from './write.js';
export { parseVocXml, buildVocXml, type XmlElement, type XmlValue } from './xml.js';
