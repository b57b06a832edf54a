/**
 * Kernels of the distortion transforms, which are per-pixel coordinate maps rather than one
 * matrix (so they expose no `warp` and never fuse). Pixels are resampled through the maps
 * (remapImage, remapMask); labels follow the numerical inverse of the same maps, see
 * distort-points.ts for the sampling and the tolerances.
 *
 * Boxes, by box method:
 * - 'mask': the tight box of the instance's mapped, clipped polygon (visibility: its clipped
 *   area share); without rings, the tight box of its instance mask as distorted by this step
 *   (visibility factor 1); with neither, as 'corners'. An instance whose rings all left the
 *   frame takes the 'corners' box with visibility factor 0, as mapBoxes does.
 * - 'corners': the box's outline, sampled every OUTLINE_STEP input pixels along its four edges,
 *   is mapped; the new box encloses the mapped samples (then clipped), and visibility is the
 *   share of the mapped outline's area inside the canvas.
 * - 'ellipse': the same with the inscribed ellipse's outline instead of the edges.
 * Maps that are exactly the identity (alpha 0, k 0, unit steps) leave every label untouched.
 */
import { AuguryError } from '../../core/errors.js';
import type { Resampling } from '../../core/schema.js';
import type { KernelEnv, Kernels, Params } from '../../core/transform.js';
import { remapImage, remapMask, type CoordinateMaps } from '../../functional/geometric/index.js';
import { boxFromMask, boxFromPolygon } from '../../geometry/boxes.js';
import { mapKeypoints } from '../../geometry/keypoints.js';
import { identity } from '../../geometry/matrix.js';
import { areaRatio, clipRingToRect, everyInFrame, mapPolygons, ringArea, type MappedPolygons } from '../../geometry/polygons.js';
import type { Boxes } from '../../targets/boxes.js';
import type { Polygons } from '../../targets/polygons.js';
import { boxOutline, distortKeypoints, ellipseOutline, enclosingBox, mapOutline, mapRing } from './distort-points.js';

/** What every distortion's params carry besides its own field parameters. */
export type DistortionParams = Params & {
} & Resampling;

/** The maps of a step for a canvas: for each output pixel centre, the input point it shows. */
export type MapsOf<P> = (params: P, width: number, height: number) => CoordinateMaps;

interface Prepared {
  readonly maps: CoordinateMaps;
  readonly identity: boolean;
}

// One step calls several kernels (image, extra images, masks, labels) with the same params
// object: build its maps once. The caches are small and bounded on purpose: params objects live
// on in traces, so a cache keyed weakly on them would keep every sample's maps alive as long as
// its trace. Params are treated as immutable, as everywhere (a trace edit makes a new object).
const CACHE_SIZE = 4;
const mapsCache: { mapsOf: unknown; params: object; prepared: Prepared }[] = [];
const polygonCache: { params: object; prepared: Prepared; input: Polygons; mapped: MappedPolygons }[] = [];

/** Looks `find` up in a most-recent-first list of at most CACHE_SIZE entries, else adds `make()`. */
function cached<E>(list: E[], find: (e: E) => boolean, make: () => E): E {
  const at = list.findIndex(find);
  const e = at >= 0 ? list.splice(at, 1)[0]! : make();
  list.unshift(e);
  if (list.length > CACHE_SIZE) list.pop();
  return e;
}

function prepare<P extends DistortionParams>(mapsOf: MapsOf<P>, p: P, width: number, height: number): Prepared {
  return cached(
    mapsCache,
    (e) => e.mapsOf === mapsOf && e.params === p && e.prepared.maps.width === width && e.prepared.maps.height === height,
    () => {
      const maps = mapsOf(p, width, height);
      return { mapsOf, params: p, prepared: { maps, identity: isIdentity(maps) } };
    },
  ).prepared;
}

function isIdentity(m: CoordinateMaps): boolean {
  for (let i = 0, k = 0; i < m.height; i++) {
    for (let j = 0; j < m.width; j++, k++) if (m.mapX[k] !== j + 0.5 || m.mapY[k] !== i + 0.5) return false;
  }
  return true;
}

/** Polygons of the input moved through the maps and clipped, with their visible area shares. */
function mappedPolygons(p: object, polys: Polygons, prep: Prepared, env: KernelEnv): MappedPolygons {
  return cached(
    polygonCache,
    (e) => e.params === p && e.prepared === prep && e.input === polys,
    () => {
      const moved: Polygons = prep.identity ? polys : { ...polys, instances: polys.instances.map((rings) => rings.filter((r) => r.length > 0).map((r) => mapRing(r, prep.maps))) };
      // The identity matrix only clips to the canvas and measures the share still inside.
      return { params: p, prepared: prep, input: polys, mapped: mapPolygons(moved, identity(), { width: env.width, height: env.height }) };
    },
  ).mapped;
}

/** Kernels for a transform whose pixels move through `mapsOf`; the output keeps the input size. */
export function distortionKernels<P extends DistortionParams>(mapsOf: MapsOf<P>): Kernels<P> {
  const labelMaps = (p: P, env: KernelEnv) => prepare(mapsOf, p, env.width, env.height);
  return {
    image: (img, p) => {
      const { maps } = prepare(mapsOf, p, img.width, img.height);
      return remapImage(img, maps.mapX, maps.mapY, img.width, img.height, { interpolation: p.interpolation, border: p.border, fill: p.fill });
    },
    mask: (m, p) => {
      const { maps } = prepare(mapsOf, p, m.width, m.height);
      return remapMask(m, maps.mapX, maps.mapY, m.width, m.height, { border: p.border, fill: p.fillMask });
    },
    polygons: (poly, p, env) => mappedPolygons(p, poly, labelMaps(p, env), env).polygons,
    keypoints: (kp, p, env) => {
      const prep = labelMaps(p, env);
      const canvas = { width: env.width, height: env.height };
      if (prep.identity) {
        // The identity matrix applies the frame rule alone, as any other step would; angles and
        // scales stay bit for bit (rows keep their order unless out-of-frame ones are dropped).
        const out = mapKeypoints(kp, identity(), canvas, { removeInvisible: env.removeInvisibleKeypoints });
        return env.removeInvisibleKeypoints ? out : { ...out, ...(kp.angle ? { angle: kp.angle } : {}), ...(kp.scale ? { scale: kp.scale } : {}) };
      }
      return distortKeypoints(kp, prep.maps, canvas, env.removeInvisibleKeypoints);
    },
    boxes: (b, p, env) => distortBoxes(b, p, labelMaps(p, env), env),
    label: 'invariant',
  };
}

function distortBoxes(boxes: Boxes, p: object, prep: Prepared, env: KernelEnv): Boxes {
  const n = boxes.xyxy.length >> 2;
  if (prep.identity) return boxes;
  const { width, height } = env;
  const polys = env.input.polygons;
  const masks = env.instanceMasks;
  if ((polys && polys.instances.length !== n) || (masks && masks.masks.length !== n)) {
    throw new AuguryError({
      code: 'validation',
      message: 'polygons and instance masks must be row-aligned with boxes',
      record: `sample ${env.input.id}`,
      expected: `${n} polygon instances and instance masks`,
      received: `${polys?.instances.length ?? 'no'} polygon instances, ${masks?.masks.length ?? 'no'} instance masks`,
      hint: 'give one polygon instance (possibly empty) and one instance mask per box',
    });
  }
  const mapped = env.boxMethod === 'mask' && polys ? mappedPolygons(p, polys, prep, env) : undefined;
  const xyxy = new Float64Array(4 * n);
  const visibility = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x1 = boxes.xyxy[4 * i]!, y1 = boxes.xyxy[4 * i + 1]!, x2 = boxes.xyxy[4 * i + 2]!, y2 = boxes.xyxy[4 * i + 3]!;
    let box: Float64Array | null = null;
    let factor: number | undefined;
    if (env.boxMethod === 'mask') {
      if (mapped && polys!.instances[i]!.some((r) => r.length > 0)) {
        factor = mapped.visibility[i]!;
        box = boxFromPolygon(mapped.polygons.instances[i]!);
      } else if (masks) {
        box = boxFromMask(masks.masks[i]!, masks.width, masks.height);
        if (box) factor = 1;
      }
    }
    if (!box) {
      const outline = env.boxMethod === 'ellipse' ? ellipseOutline(x1, y1, x2, y2) : boxOutline(x1, y1, x2, y2);
      const ring = mapOutline(outline, prep.maps);
      box = enclosingBox(ring) ?? Float64Array.of(x1, y1, x2, y2);
      factor ??= ring.length >= 6 ? areaRatio(ringArea(clipRingToRect(ring, 0, 0, width, height)), ringArea(ring), everyInFrame(ring, width, height)) : 0;
    }
    const c = env.clipBoxes ? clamp : (v: number) => v;
    xyxy[4 * i] = c(box[0]!, width);
    xyxy[4 * i + 1] = c(box[1]!, height);
    xyxy[4 * i + 2] = c(box[2]!, width);
    xyxy[4 * i + 3] = c(box[3]!, height);
    visibility[i] = Math.min(1, Math.max(0, boxes.visibility[i]! * factor!));
  }
  return { ...boxes, xyxy, visibility };
}

function clamp(v: number, hi: number): number {
  return Math.min(hi, Math.max(0, v));
}
