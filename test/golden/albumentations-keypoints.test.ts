/**
 * Parity with Albumentations 1.3.1 for keypoints: every case of the keypoint golden file (30
 * scenarios x formats xy / xyas x remove_invisible true / false, see
 * test/fixtures/golden/README-albumentations.md) is replayed with augury's params for the step
 * Albumentations applied. The golden numbers are fed to augury as they are, as a user porting
 * them would; angles are converted at the edge, because Albumentations 1.3.1 measures them
 * counter-clockwise on screen and augury clockwise (docs/parity.md, "Keypoints").
 *
 * Compared: kept ids and output size exactly, positions within 1e-4 px, angles modulo 360 and
 * scales within 1e-6. Where augury deliberately differs, the expected value is the golden value
 * plus a predicted delta: the difference between a model of what Albumentations did (which must
 * reproduce the golden file) and the map augury promises (the map its pixels go through), both
 * built below from the case's recorded params with plain geometry.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createKeypoints } from '../../src/targets/keypoints.js';
import { keypointGolden, replay, tally, zeroImage, type AlbStep, type KeypointCase } from './albumentations-common.js';
import { apply, jacobian, recordedMatrix, stepMaps, type M3 } from './albumentations-model.js';

const TOL = 1e-4;
const ANGLE_TOL = 1e-6;
const SCALE_TOL = 1e-6;
const mod360 = (a: number) => ((a % 360) + 360) % 360;
const angleGap = (a: number, b: number) => Math.min(mod360(a - b), 360 - mod360(a - b));
const deg = (r: number) => (r * 180) / Math.PI;
const num = (v: unknown) => v as number;

/** Albumentations 1.3.1's angle rule for one step (degrees, counter-clockwise on screen). */
function albumentationsAngle(t: AlbStep, a: number): number {
  const p = t.applied_params;
  switch (t.name) {
    case 'HorizontalFlip':
    case 'Transpose': // 1.3.1 mirrors the angle as a horizontal flip does; see docs/parity.md
      return 180 - a;
    case 'VerticalFlip':
      return -a;
    case 'RandomRotate90':
      return a + 90 * num(p['factor']);
    case 'Rotate':
    case 'ShiftScaleRotate':
      return a + num(p['angle']);
    case 'Affine': {
      // The rotation read off the matrix, whatever its shear.
      const m = recordedMatrix(t);
      return a + deg(Math.atan2(-m[3]!, m[0]!));
    }
    case 'Perspective': {
      // Read with y up, i.e. with the opposite sign to Affine's.
      const m = recordedMatrix(t);
      return a + deg(Math.atan2(m[3]!, m[0]!));
    }
    default:
      return a;
  }
}

/** Albumentations 1.3.1's scale rule for one step: the larger axis factor of its params. */
function albumentationsScale(t: AlbStep, s: number): number {
  const [h, w] = t.input_hw, [oh, ow] = t.output_hw;
  const p = t.applied_params;
  switch (t.name) {
    case 'ShiftScaleRotate':
      return s * num(p['scale']);
    case 'Affine': {
      const sc = p['scale'] as { x: number; y: number };
      return s * Math.max(sc.x, sc.y);
    }
    case 'Resize':
      return s * Math.max(ow / w, oh / h);
    case 'LongestMaxSize':
    case 'SmallestMaxSize':
      return s * (num(t.init['max_size']) / (t.name === 'LongestMaxSize' ? Math.max(w, h) : Math.min(w, h)));
    case 'RandomResizedCrop': {
      const [x1, y1, x2, y2] = t.derived.crop_window_xyxy!;
      return s * Math.max(ow / (x2! - x1!), oh / (y2! - y1!));
    }
    case 'Perspective': {
      const m = recordedMatrix(t);
      const sx = Math.sign(m[0]!) * Math.hypot(m[0]!, m[1]!), sy = Math.sign(m[4]!) * Math.hypot(m[3]!, m[4]!);
      return s * Math.max(sx, sy) * Math.max(w / num(p['max_width']), h / num(p['max_height']));
    }
    default:
      return s;
  }
}

/**
 * What augury promises for angle and scale: the direction the map's local Jacobian gives the
 * keypoint's direction, and the local area scale sqrt|det J|. In Albumentations' convention
 * (counter-clockwise), the direction of angle a is (cos a, -sin a) in image coordinates.
 */
function auguryAngleScale(m: M3, x: number, y: number, a: number, s: number): [number, number] {
  const [j00, j01, j10, j11] = jacobian(m, x, y);
  const r = (a * Math.PI) / 180;
  const u = j00 * Math.cos(r) - j01 * Math.sin(r), v = j10 * Math.cos(r) - j11 * Math.sin(r);
  return [deg(Math.atan2(-v, u)), s * Math.sqrt(Math.abs(j00 * j11 - j01 * j10))];
}

const isSimilarity = (m: M3) => m[6] === 0 && m[7] === 0 && Math.abs(Math.abs(m[0]!) - Math.abs(m[4]!)) < 1e-12 && Math.abs(Math.abs(m[1]!) - Math.abs(m[3]!)) < 1e-12 && m[0]! * m[1]! * m[3]! * m[4]! <= 0;

/** The documented differences (docs/parity.md, "Keypoints") that apply to a case, from its step and format alone. */
function documentedDifferences(c: KeypointCase): string[] {
  const t = c.transforms[0]!;
  const maps = stepMaps(t);
  const rules: string[] = [];
  const k = maps.albKeypoints;
  // Pixel indices vs continuous coordinates: (I - L)(0.5, 0.5) for the steps Albumentations maps in pixel indices.
  const offset = [0.5 - 0.5 * (k[0]! + k[1]!), 0.5 - 0.5 * (k[3]! + k[4]!)];
  if (['HorizontalFlip', 'VerticalFlip', 'RandomRotate90', 'Rotate', 'ShiftScaleRotate', 'Affine'].includes(t.name) && offset.some((v) => Math.abs(v) > 1e-12)) rules.push('pixel-index');
  if ((t.name === 'LongestMaxSize' || t.name === 'SmallestMaxSize') && (k[0] !== maps.augury[0] || k[4] !== maps.augury[4])) rules.push('max-size-factor');
  if (t.name === 'Perspective') rules.push('perspective-half-pixel');
  if (t.name === 'Affine' && t.init['fit_output'] === true) rules.push('fit-output-canvas');
  if (c.keypoint_params.format === 'xyas') {
    if (t.name === 'Transpose') rules.push('transpose-angle');
    if (!isSimilarity(maps.augury)) rules.push('jacobian-angle-scale');
  }
  return rules;
}

interface Point {
  id: number;
  x: number;
  y: number;
  angle: number;
  scale: number;
}

const inHalfOpen = (x: number, y: number, [h, w]: [number, number]) => x >= 0 && x < w && y >= 0 && y < h;
const inClosed = (x: number, y: number, [h, w]: [number, number]) => x >= 0 && x <= w && y >= 0 && y <= h;

interface Ours {
  hw: [number, number];
  points: (Point & { visibility: number })[];
}
/** augury's output per case id (angles in Albumentations' convention), for the closed-form checks after the main run. */
const results = new Map<string, Ours>();
const caseById = (id: string) => keypointGolden.cases.find((c) => c.id === id)!;

describe('Albumentations 1.3.1 keypoint goldens', () => {
  const outcomes: string[] = [];
  const keptSetDiffers: string[] = [];
  for (const c of keypointGolden.cases) {
    test(c.id, async () => {
      assert.equal(c.transforms.length, 1, 'single-step cases');
      const t = c.transforms[0]!;
      const maps = stepMaps(t);
      const xyas = c.keypoint_params.format === 'xyas';
      const removeInvisible = c.keypoint_params.remove_invisible;
      const input: Point[] = c.input.keypoints.map((k, r) => ({ id: c.input.ids[r]!, x: k[0]!, y: k[1]!, angle: k[2] ?? 0, scale: k[3] ?? 1 }));
      const golden = c.output;

      // What Albumentations did, modelled: reproduces the golden file.
      const alb = input.map((p) => {
        const [x, y] = apply(maps.albKeypoints, p.x, p.y);
        return { id: p.id, x, y, angle: albumentationsAngle(t, p.angle), scale: albumentationsScale(t, p.scale) };
      });
      const albKept = alb.filter((p) => !removeInvisible || inHalfOpen(p.x, p.y, maps.albHW));
      assert.deepEqual(albKept.map((p) => p.id), golden.ids, 'model of Albumentations: kept ids');
      albKept.forEach((p, r) => {
        const g = golden.keypoints[r]!;
        assert.ok(Math.abs(p.x - g[0]!) < TOL && Math.abs(p.y - g[1]!) < TOL, `model of Albumentations: keypoint ${p.id}`);
        if (xyas) assert.ok(angleGap(p.angle, g[2]!) < ANGLE_TOL && Math.abs(p.scale - g[3]!) < SCALE_TOL, `model of Albumentations: angle/scale of ${p.id}`);
      });

      // What augury promises: the pixels' map for positions, its Jacobian for angle and scale.
      const aug = input.map((p) => {
        const [x, y] = apply(maps.augury, p.x, p.y);
        const [angle, scale] = auguryAngleScale(maps.augury, p.x, p.y, p.angle, p.scale);
        return { id: p.id, x, y, angle, scale };
      });

      const sample = {
        id: c.id,
        image: zeroImage(c.input.image_hw),
        keypoints: createKeypoints({
          xy: input.flatMap((p) => [p.x, p.y]),
          fields: { ids: Int32Array.from(c.input.ids) },
          // augury's angles run clockwise on screen: convert at the edge, both ways.
          ...(xyas ? { angle: input.map((p) => mod360(-p.angle)), scale: input.map((p) => p.scale) } : {}),
        }),
      };
      const out = await replay(c.transforms, sample, {}, removeInvisible);
      const k = out.keypoints!;
      const ours = Array.from(k.fields['ids'] as Int32Array).map((id, r) => ({ id, x: k.xy[2 * r]!, y: k.xy[2 * r + 1]!, angle: -(k.angle?.[r] ?? 0), scale: k.scale?.[r] ?? 1, visibility: k.visibility[r]! }));
      const hw: [number, number] = [out.image.height, out.image.width];
      results.set(c.id, { hw, points: ours });

      const rules = documentedDifferences(c);
      const predictedIds = aug.filter((p) => !removeInvisible || inClosed(p.x, p.y, maps.auguryHW)).map((p) => p.id);
      const moved = aug.some((p, r) => Math.abs(p.x - alb[r]!.x) > TOL || Math.abs(p.y - alb[r]!.y) > TOL || (xyas && (angleGap(p.angle, alb[r]!.angle) > ANGLE_TOL || Math.abs(p.scale - alb[r]!.scale) > SCALE_TOL)));
      const differs = moved || maps.auguryHW.join() !== maps.albHW.join() || predictedIds.join() !== golden.ids.join();
      assert.equal(differs, rules.length > 0, rules.length > 0 ? `${rules.join(', ')} is documented for this case but changes nothing` : 'an undocumented difference');
      if (predictedIds.join() !== golden.ids.join()) keptSetDiffers.push(c.id);

      assert.deepEqual(hw, maps.auguryHW, 'output size');
      assert.deepEqual(ours.map((p) => p.id), predictedIds, 'kept ids');
      for (const o of ours) {
        const g = golden.ids.indexOf(o.id);
        const a = aug.find((p) => p.id === o.id)!, m = alb.find((p) => p.id === o.id)!;
        // golden + (augury - Albumentations); a keypoint only augury keeps takes augury's value.
        const gk = g < 0 ? undefined : golden.keypoints[g]!;
        const x = gk ? gk[0]! + a.x - m.x : a.x, y = gk ? gk[1]! + a.y - m.y : a.y;
        assert.ok(Math.abs(o.x - x) < TOL && Math.abs(o.y - y) < TOL, `keypoint ${o.id}: (${o.x}, ${o.y}), predicted (${x}, ${y})`);
        if (!removeInvisible) assert.equal(o.visibility, inClosed(a.x, a.y, maps.auguryHW) ? 2 : 0, `visibility of ${o.id}`);
        if (!xyas) continue;
        const angle = gk ? gk[2]! + a.angle - m.angle : a.angle, scale = gk ? gk[3]! + a.scale - m.scale : a.scale;
        assert.ok(angleGap(o.angle, angle) < ANGLE_TOL, `angle of ${o.id}: ${mod360(o.angle)}, predicted ${mod360(angle)}`);
        assert.ok(Math.abs(o.scale - scale) < SCALE_TOL, `scale of ${o.id}: ${o.scale}, predicted ${scale}`);
      }
      outcomes.push(rules.length === 0 ? 'exact' : rules.join('+'));
    });
  }

  test('every case was compared, each as an exact match or with its documented delta', () => {
    assert.equal(keypointGolden.cases.length, 120);
    assert.equal(outcomes.length, 120);
    assert.deepEqual(tally(outcomes), {
      exact: 52,
      'jacobian-angle-scale': 6,
      'max-size-factor': 2,
      'max-size-factor+jacobian-angle-scale': 2,
      'perspective-half-pixel': 2,
      'perspective-half-pixel+jacobian-angle-scale': 2,
      'pixel-index': 44,
      'pixel-index+fit-output-canvas': 4,
      'pixel-index+jacobian-angle-scale': 4,
      'transpose-angle': 2,
    });
    // Keypoint 7 at (399.5, 0.5): Albumentations' flip sends it to x = -0.5 and drops it; augury's
    // to x = 0.5, inside the frame.
    assert.deepEqual(keptSetDiffers, [
      'HorizontalFlip/xy/remove_invisible=true',
      'RandomRotate90/xy/remove_invisible=true',
      'HorizontalFlip/xyas/remove_invisible=true',
      'RandomRotate90/xyas/remove_invisible=true',
    ]);
  });
});

/** For each augury keypoint that the golden file also has: [ours, golden row]. */
function pairs(c: KeypointCase): [Point, number[]][] {
  return results.get(c.id)!.points.flatMap((o): [Point, number[]][] => {
    const g = c.output.ids.indexOf(o.id);
    return g < 0 ? [] : [[o, c.output.keypoints[g]!]];
  });
}

describe('the documented keypoint deltas, in closed form (docs/parity.md)', () => {
  test('pixel indices: augury - Albumentations = (I - L)(0.5, 0.5) for flips, quarter turns, Rotate, ShiftScaleRotate, Affine', () => {
    let checked = 0;
    for (const c of keypointGolden.cases.filter((g) => documentedDifferences(g).includes('pixel-index'))) {
      const t = c.transforms[0]!;
      const k = stepMaps(t).albKeypoints;
      const d = [0.5 - 0.5 * (k[0]! + k[1]!), 0.5 - 0.5 * (k[3]! + k[4]!)];
      const fit = t.init['fit_output'] === true ? fittedShift(t) : [0, 0];
      for (const [o, g] of pairs(c)) {
        assert.ok(Math.abs(o.x - g[0]! - d[0]! - fit[0]!) < TOL && Math.abs(o.y - g[1]! - d[1]! - fit[1]!) < TOL, `${c.id} keypoint ${o.id}`);
        checked++;
      }
    }
    assert.equal(checked, 334);
    // The flips in numbers: x -> W - x (augury) vs W - 1 - x (Albumentations), exactly 1 px apart.
    for (const [o, g] of pairs(caseById('HorizontalFlip/xy/remove_invisible=false'))) assert.equal(o.x - g[0]!, 1);
  });

  test('read as pixel indices (+0.5 in, -0.5 out, as augury reads COCO keypoints), the same cases match Albumentations exactly', async () => {
    let checked = 0;
    for (const c of keypointGolden.cases.filter((g) => !g.keypoint_params.remove_invisible && g.keypoint_params.format === 'xy' && documentedDifferences(g).join() === 'pixel-index')) {
      const kp = createKeypoints({ xy: c.input.keypoints.flatMap((k) => [k[0]! + 0.5, k[1]! + 0.5]) });
      const out = await replay(c.transforms, { id: c.id, image: zeroImage(c.input.image_hw), keypoints: kp }, {});
      c.output.keypoints.forEach((g, r) => {
        assert.ok(Math.abs(out.keypoints!.xy[2 * r]! - 0.5 - g[0]!) < TOL && Math.abs(out.keypoints!.xy[2 * r + 1]! - 0.5 - g[1]!) < TOL, `${c.id} keypoint ${r}`);
        checked++;
      });
    }
    assert.equal(checked, 96);
  });

  test('remove_invisible: the keypoint Albumentations flips to x = -0.5 is kept by augury at x = 0.5', () => {
    for (const id of ['HorizontalFlip/xy/remove_invisible=true', 'RandomRotate90/xyas/remove_invisible=true']) {
      const c = caseById(id);
      assert.ok(c.output.dropped_ids.includes(7));
      const p = results.get(id)!.points.find((q) => q.id === 7)!;
      assert.deepEqual([p.x, p.y], id.startsWith('Horizontal') ? [0.5, 0.5] : [0.5, 299.5]);
    }
  });

  test('LongestMaxSize / SmallestMaxSize: augury scales by the rounded size ratio, Albumentations by max_size / side', () => {
    let checked = 0;
    for (const c of keypointGolden.cases.filter((g) => ['LongestMaxSize', 'SmallestMaxSize'].includes(g.transforms[0]!.name))) {
      const t = c.transforms[0]!;
      const [h, w] = t.input_hw, [oh, ow] = t.output_hw;
      const f = num(t.init['max_size']) / (t.name === 'LongestMaxSize' ? Math.max(w, h) : Math.min(w, h));
      for (const [o, g] of pairs(c)) {
        const x = c.input.keypoints[o.id]![0]!, y = c.input.keypoints[o.id]![1]!;
        assert.ok(Math.abs(o.x - g[0]! - x * (ow / w - f)) < TOL && Math.abs(o.y - g[1]! - y * (oh / h - f)) < TOL, `${c.id} keypoint ${o.id}`);
        checked++;
      }
    }
    assert.equal(checked, 96);
  });

  test('fitOutput: augury sizes the canvas from the image edges (441 x 490), Albumentations from pixel centres (441 x 489)', () => {
    for (const c of keypointGolden.cases.filter((g) => g.name === 'Affine_rotate25_fit_output')) {
      assert.deepEqual([c.output.image_hw, results.get(c.id)!.hw], [[441, 489], [441, 490]]);
    }
  });

  test('Transpose: Albumentations 1.3.1 turns angle a into 180 - a, augury into 270 - a (counter-clockwise), always 90 apart', () => {
    for (const c of keypointGolden.cases.filter((g) => g.name === 'Transpose' && g.keypoint_params.format === 'xyas')) {
      for (const [o, g] of pairs(c)) {
        assert.ok(angleGap(o.angle - g[2]!, 90) < ANGLE_TOL, `${c.id} keypoint ${o.id}`);
        assert.ok(angleGap(o.angle, 270 - c.input.keypoints[o.id]![2]!) < ANGLE_TOL);
      }
    }
  });

  test('non-uniform resizes: augury turns angle a to atan2(sy sin a, sx cos a) and scales by sqrt(sx sy); Albumentations keeps a and scales by max(sx, sy)', () => {
    let checked = 0;
    for (const c of keypointGolden.cases.filter((g) => g.keypoint_params.format === 'xyas' && ['Resize', 'RandomResizedCrop', 'SmallestMaxSize'].includes(g.transforms[0]!.name))) {
      const m = stepMaps(c.transforms[0]!).augury;
      const sx = m[0]!, sy = m[4]!;
      if (sx === sy) continue;
      for (const [o, g] of pairs(c)) {
        const [, , a, s] = c.input.keypoints[o.id]! as [number, number, number, number];
        const r = (a * Math.PI) / 180;
        assert.ok(angleGap(o.angle, deg(Math.atan2(sy * Math.sin(r), sx * Math.cos(r)))) < ANGLE_TOL, `${c.id} angle of ${o.id}`);
        assert.ok(Math.abs(o.scale - s * Math.sqrt(sx * sy)) < SCALE_TOL && Math.abs(g[3]! - s * Math.max(sx, sy)) < SCALE_TOL && angleGap(g[2]!, a) < ANGLE_TOL, `${c.id} scale of ${o.id}`);
        checked++;
      }
    }
    assert.equal(checked, 52);
  });
});

/** The extra shift of augury's fitted canvas over Albumentations' map in continuous coordinates. */
function fittedShift(t: AlbStep): number[] {
  const m = stepMaps(t);
  const k = m.albKeypoints;
  return [m.augury[2]! - k[2]! - (0.5 - 0.5 * (k[0]! + k[1]!)), m.augury[5]! - k[5]! - (0.5 - 0.5 * (k[3]! + k[4]!))];
}
