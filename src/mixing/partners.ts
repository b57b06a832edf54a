/**
 * Making partners fit the sample they are mixed into: the same channel count and dtype, and the
 * same kinds of labels. Converting pixels is exact where it can be (gray to RGB repeats the
 * value; alpha is dropped or made opaque); labels cannot be invented, so a partner that lacks a
 * kind of label the sample carries is refused rather than mixed in unlabelled.
 */
import { AuguryError } from '../core/errors.js';
import { createImage, maxValueOf, type Image } from '../targets/image.js';
import type { Sample } from '../targets/sample.js';

/** The partner's image with `like`'s channel count, dtype and value scale. */
export function conformImage(img: Image, like: Image): Image {
  if (img.channels === like.channels && img.dtype === like.dtype && maxValueOf(img) === maxValueOf(like)) return img;
  const out = createImage(img.width, img.height, like.channels, like.dtype) as Image;
  const scale = maxValueOf(like) / maxValueOf(img);
  const max = maxValueOf(like);
  const integer = like.dtype !== 'float32';
  const cin = img.channels;
  const cout = like.channels;
  const px = new Float64Array(4);
  for (let i = 0, n = img.width * img.height; i < n; i++) {
    for (let c = 0; c < cin; c++) px[c] = img.data[i * cin + c]! * scale;
    // Luma weights of ITU-R BT.601, as OpenCV's RGB2GRAY uses.
    const gray = cin === 1 ? px[0]! : 0.299 * px[0]! + 0.587 * px[1]! + 0.114 * px[2]!;
    for (let c = 0; c < cout; c++) {
      let v: number;
      if (cout === 1) v = gray;
      else if (c === 3) v = cin === 4 ? px[3]! : max;
      else v = cin === 1 ? gray : px[c]!;
      out.data[i * cout + c] = integer ? Math.min(max, Math.max(0, Math.round(v))) : v;
    }
  }
  return like.maxValue === undefined ? out : { ...out, maxValue: like.maxValue };
}

const LABEL_KINDS = ['boxes', 'polygons', 'instanceMasks', 'mask', 'keypoints'] as const;
type LabelKind = (typeof LABEL_KINDS)[number];

const WORDS: Record<LabelKind, string> = { boxes: 'boxes', polygons: 'polygons', instanceMasks: 'instance masks', mask: 'a segmentation mask', keypoints: 'keypoints' };

/**
 * Throws when a partner lacks a kind of label the sample carries: its objects would enter the
 * output unlabelled. Kinds only the partner has are dropped (the output has the sample's kinds).
 */
export function checkPartnerTargets(mix: string, base: Sample, partners: readonly Sample[], kinds: readonly LabelKind[] = LABEL_KINDS): void {
  if (Object.keys(base.extraImages ?? {}).length > 0 || Object.keys(base.extraMasks ?? {}).length > 0) {
    throw new AuguryError({ code: 'unsupported', message: `${mix} does not mix additional targets (extra images and masks)`, record: `sample ${base.id}`, hint: 'remove additionalTargets from pipelines with mixes' });
  }
  partners.forEach((p, k) => {
    for (const kind of kinds) {
      if (base[kind] !== undefined && p[kind] === undefined) {
        throw new AuguryError({
          code: 'validation',
          message: `${mix}: partner ${k + 1} has no ${WORDS[kind]}, but the sample has; its objects would enter the output unlabelled`,
          record: `partner ${p.id}`,
          expected: `a partner with ${WORDS[kind]} (an empty set is fine)`,
          received: `a partner without ${WORDS[kind]}`,
          hint: 'mix samples from one dataset with the same annotations, or drop that target from the sample',
        });
      }
    }
    if (base.keypoints && p.keypoints && JSON.stringify(base.keypoints.names ?? null) !== JSON.stringify(p.keypoints.names ?? null)) {
      throw new AuguryError({
        code: 'validation',
        message: `${mix}: partner ${k + 1} has keypoints of another skeleton`,
        record: `partner ${p.id}`,
        expected: JSON.stringify(base.keypoints.names ?? null),
        received: JSON.stringify(p.keypoints.names ?? null),
        hint: 'mix only samples whose keypoints have the same names',
      });
    }
  });
}
