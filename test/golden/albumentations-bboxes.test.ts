/**
 * Parity with Albumentations 1.3.1 for boxes: every case of the bbox golden file (40 scenarios x
 * 3 formats, test/fixtures/golden/README-albumentations.md) is replayed with augury's params for
 * the step Albumentations applied, with the case's filters, and compared in the case's format:
 * surviving ids and output size exactly, every coordinate within 1e-4 px.
 *
 * Where augury deliberately differs (docs/parity.md), the expected output is the golden output
 * plus a delta predicted from the geometry. Each case runs two small models written out below
 * (plain geometry, none of src/geometry): one of what Albumentations did, which must reproduce
 * the golden file (so the model is right), and one of what augury promises; their difference is
 * the predicted delta. A case without a documented difference must have no delta at all, and a
 * documented difference must really change the case, so neither list can drift silently.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createBoxes } from '../../src/targets/boxes.js';
import { boxGolden, fromXyxy, maxPixelDiff, replay, tally, toXyxy, zeroImage, type AlbStep, type BoxCase } from './albumentations-common.js';
import { apply, clipBox, clipToCanvas, hull, mappedCorners, polygonArea, stepMaps, type M3 } from './albumentations-model.js';

const TOL = 1e-4;
const area = (b: readonly number[]) => Math.max(0, b[2]! - b[0]!) * Math.max(0, b[3]! - b[1]!);

type Flavour = 'albumentations' | 'augury';
interface ModelBox {
  readonly id: number;
  readonly box: number[];
  /** augury: share of the object in frame, multiplied over steps. Albumentations: 1 (it keeps no such state). */
  readonly visibility: number;
}
interface ModelOutput {
  readonly hw: [number, number];
  readonly boxes: ModelBox[];
}

const isEllipse = (t: AlbStep) => t.init['rotate_method'] === 'ellipse';

/** 360 points of the inscribed ellipse at whole degrees, as Albumentations samples it. */
function sampledEllipse(b: readonly number[], offset: number): number[] {
  const w = (b[2]! - b[0]!) / 2, h = (b[3]! - b[1]!) / 2;
  const pts: number[] = [];
  for (let d = 0; d < 360; d++) {
    const r = (d * Math.PI) / 180;
    pts.push(w * Math.sin(r) + w + b[0]! + offset, h * Math.cos(r) + h + b[1]! + offset);
  }
  return pts;
}

/**
 * The extreme points of the mapped inscribed ellipse of `b` under affine `m` (exact: the centre
 * plus the half-extents sqrt((a m00)^2 + (b m01)^2), sqrt((a m10)^2 + (b m11)^2)), and a dense
 * polygon of it for its share inside the canvas.
 */
function analyticEllipse(m: M3, b: readonly number[]): { box: number[]; outline: number[] } {
  const a = (b[2]! - b[0]!) / 2, c = (b[3]! - b[1]!) / 2;
  const [cx, cy] = apply(m, b[0]! + a, b[1]! + c);
  const hx = Math.hypot(a * m[0]!, c * m[1]!), hy = Math.hypot(a * m[3]!, c * m[4]!);
  const outline: number[] = [];
  for (let k = 0; k < 3600; k++) {
    const r = (2 * Math.PI * k) / 3600;
    outline.push(...apply(m, b[0]! + a + a * Math.cos(r), b[1]! + c + c * Math.sin(r)));
  }
  return { box: [cx - hx, cy - hy, cx + hx, cy + hy], outline };
}

/** The share of a mapped polygon inside a w x h canvas. */
const share = (poly: number[], w: number, h: number) => polygonArea(clipToCanvas(poly, w, h)) / polygonArea(poly);

/**
 * One step of Albumentations 1.3.1 on box `b`: the enclosing box of its mapped corners, or of
 * its sampled ellipse (Rotate turns 360 whole-degree samples about the centre; Affine maps
 * samples shifted by -0.5 px with its pixel-index matrix), unclipped.
 */
function albumentationsStep(t: AlbStep, b: readonly number[]): number[] {
  const maps = stepMaps(t);
  if (isEllipse(t)) return hull(sampledEllipse(b, t.name === 'Affine' ? -0.5 : 0).flatMap((_, k, pts) => (k % 2 === 0 ? apply(maps.albBoxes, pts[k]!, pts[k + 1]!) : [])));
  const h = hull(mappedCorners(maps.albBoxes, b));
  // 1.3.1's Perspective starts its running x_max, y_max at 0, so the hull always reaches 0.
  return t.name === 'Perspective' ? [h[0], h[1], Math.max(0, h[2]), Math.max(0, h[3])] : h;
}

/** Albumentations' filter: clipped area C > 0, C >= min_area, C / A >= min_visibility, clipped sides >= minimums. */
function albumentationsKeeps(c: BoxCase, box: readonly number[], [h, w]: [number, number]): boolean {
  const p = c.bbox_params;
  const clipped = clipBox(box, w, h);
  const C = area(clipped);
  return C > 0 && C >= p.min_area && C / area(box) >= p.min_visibility && clipped[2] - clipped[0] >= p.min_width && clipped[3] - clipped[1] >= p.min_height;
}

/** What each library does with the case's boxes, step by step, filters included. */
function model(c: BoxCase, flavour: Flavour): ModelOutput {
  const input = toXyxy(c.bbox_params.format, c.input.bboxes, c.input.image_hw);
  let boxes: ModelBox[] = c.input.ids.map((id, r) => ({ id, box: Array.from(input.subarray(4 * r, 4 * r + 4)), visibility: 1 }));
  let hw = c.input.image_hw;
  const p = c.bbox_params;
  for (const t of c.transforms) {
    const maps = stepMaps(t);
    if (flavour === 'albumentations') {
      hw = maps.albHW;
      boxes = boxes.map((m) => ({ ...m, box: albumentationsStep(t, m.box) }));
      // Unchecked steps neither clip nor filter: boxes may leave the canvas and come back.
      if (p.check_each_transform) boxes = boxes.filter((m) => albumentationsKeeps(c, m.box, hw)).map((m) => ({ ...m, box: clipBox(m.box, hw[1], hw[0]) }));
      continue;
    }
    hw = maps.auguryHW;
    const [h, w] = hw;
    boxes = boxes.map((m) => {
      let outline: number[], enclosing: number[];
      if (isEllipse(t)) ({ box: enclosing, outline } = analyticEllipse(maps.augury, m.box));
      else enclosing = hull((outline = mappedCorners(maps.augury, m.box)));
      return { id: m.id, box: clipBox(enclosing, w, h), visibility: m.visibility * share(outline, w, h) };
    });
    // augury filters after every step, on the clipped box and the multiplied visibility.
    boxes = boxes.filter((m) => m.visibility > 0 && m.visibility >= p.min_visibility && m.box[2]! - m.box[0]! >= p.min_width && m.box[3]! - m.box[1]! >= p.min_height && area(m.box) >= p.min_area);
  }
  if (flavour === 'albumentations') boxes = boxes.filter((m) => albumentationsKeeps(c, m.box, hw)).map((m) => ({ ...m, box: clipBox(m.box, hw[1], hw[0]) }));
  return { hw, boxes };
}

/**
 * The documented differences (docs/parity.md, "Boxes") that apply to a case, read from its
 * steps and options alone, never from results.
 */
function documentedDifferences(c: BoxCase): string[] {
  const rules = new Set<string>();
  for (const t of c.transforms) {
    if (t.name === 'Affine') {
      const m = stepMaps(t).albBoxes;
      if (isEllipse(t)) rules.add('affine-ellipse');
      else if (!(m[0] === 1 && m[1] === 0 && m[3] === 0 && m[4] === 1)) rules.add('affine-half-pixel');
      if (t.init['fit_output'] === true) rules.add('fit-output-canvas');
    }
    if (t.name === 'Rotate' && isEllipse(t)) rules.add('ellipse-samples');
    if (t.name === 'Perspective') rules.add('perspective-half-pixel');
  }
  if (!c.bbox_params.check_each_transform) rules.add('check-each-transform');
  return [...rules].sort();
}

interface Ours {
  hw: [number, number];
  ids: number[];
  rows: number[][];
}

async function runAugury(c: BoxCase): Promise<Ours> {
  const p = c.bbox_params;
  const xyxy = toXyxy(p.format, c.input.bboxes, c.input.image_hw);
  const sample = { id: c.id, image: zeroImage(c.input.image_hw), boxes: createBoxes({ xyxy, fields: { ids: Int32Array.from(c.input.ids) } }) };
  const method = c.transforms.some(isEllipse) ? 'ellipse' : 'corners';
  const out = await replay(c.transforms, sample, { method, minArea: p.min_area, minVisibility: p.min_visibility, minWidth: p.min_width, minHeight: p.min_height });
  const hw: [number, number] = [out.image.height, out.image.width];
  return { hw, ids: Array.from(out.boxes!.fields['ids'] as Int32Array), rows: fromXyxy(p.format, out.boxes!.xyxy, hw) };
}

/** Model boxes as rows of the case's format. */
const rowsOf = (c: BoxCase, m: ModelOutput) => fromXyxy(c.bbox_params.format, Float64Array.from(m.boxes.flatMap((b) => b.box)), m.hw);
const idsOf = (m: ModelOutput) => m.boxes.map((b) => b.id);

/** augury's output per case id, for the closed-form checks after the main run. */
const results = new Map<string, Ours>();
const caseById = (id: string) => boxGolden.cases.find((c) => c.id === id)!;

describe('Albumentations 1.3.1 bbox goldens', () => {
  const outcomes: string[] = [];
  for (const c of boxGolden.cases) {
    test(c.id, async () => {
      const f = c.bbox_params.format;
      const golden = c.output;
      // What Albumentations did, modelled: reproduces the golden file.
      const alb = model(c, 'albumentations');
      assert.deepEqual(alb.hw, golden.image_hw);
      assert.deepEqual(idsOf(alb), golden.ids, 'model of Albumentations: ids');
      assert.ok(maxPixelDiff(f, alb.hw, rowsOf(c, alb), golden.bboxes) < TOL, 'model of Albumentations: coordinates');

      const ours = await runAugury(c);
      results.set(c.id, ours);
      const rules = documentedDifferences(c);
      if (rules.length === 0) {
        assert.deepEqual(ours.hw, golden.image_hw, 'output size');
        assert.deepEqual(ours.ids, golden.ids, 'surviving ids');
        const d = maxPixelDiff(f, ours.hw, ours.rows, golden.bboxes);
        assert.ok(d < TOL, `coordinates differ by ${d} px`);
        outcomes.push('exact');
        return;
      }
      // A documented difference: augury = golden + (what augury promises - what Albumentations did).
      const aug = model(c, 'augury');
      const albRows = rowsOf(c, alb), augRows = rowsOf(c, aug);
      const changed = aug.hw.join() !== alb.hw.join() || idsOf(aug).join() !== idsOf(alb).join() || maxPixelDiff(f, aug.hw, augRows, albRows) > TOL;
      assert.ok(changed, `${rules.join(', ')} is documented for this case but changes nothing`);
      assert.deepEqual(ours.hw, aug.hw, 'output size');
      assert.deepEqual(ours.ids, idsOf(aug), 'surviving ids');
      // In pixels: golden + (augury model - Albumentations model); a box only augury keeps takes its model value.
      const goldenXyxy = toXyxy(f, golden.bboxes, golden.image_hw);
      const albBox = new Map(alb.boxes.map((b) => [b.id, b.box]));
      const predicted = aug.boxes.flatMap(({ id, box }) => {
        const g = golden.ids.indexOf(id);
        return g < 0 ? box : box.map((v, k) => goldenXyxy[4 * g + k]! + v - albBox.get(id)![k]!);
      });
      const d = maxPixelDiff(f, ours.hw, ours.rows, fromXyxy(f, Float64Array.from(predicted), aug.hw));
      assert.ok(d < TOL, `coordinates differ from the predicted ones by ${d} px`);
      outcomes.push(rules.join('+'));
    });
  }

  test('every case was compared, each as an exact match or with its documented delta', () => {
    assert.equal(boxGolden.cases.length, 120);
    assert.equal(outcomes.length, 120);
    assert.deepEqual(tally(outcomes), {
      'affine-ellipse': 3,
      'affine-half-pixel': 12,
      'affine-half-pixel+fit-output-canvas': 3,
      'check-each-transform': 3,
      'ellipse-samples': 3,
      exact: 93,
      'perspective-half-pixel': 3,
    });
  });
});

/** Pixel xyxy rows of a result. */
const pixels = (c: BoxCase, rows: number[][], hw: [number, number]) => Array.from(toXyxy(c.bbox_params.format, rows, hw));

describe('the documented box deltas, in closed form (docs/parity.md)', () => {
  test('Affine, corners: augury - Albumentations = (I - L)(0.5, 0.5) on every coordinate neither clips', () => {
    let checked = 0;
    for (const c of boxGolden.cases.filter((g) => documentedDifferences(g).includes('affine-half-pixel'))) {
      const ours = results.get(c.id)!;
      const affine = c.transforms.find((t) => t.name === 'Affine')!;
      const m = stepMaps(affine).albBoxes;
      const d = [0.5 - 0.5 * (m[0]! + m[1]!), 0.5 - 0.5 * (m[3]! + m[4]!)];
      const [gh, gw] = c.output.image_hw, [oh, ow] = ours.hw;
      const g = pixels(c, c.output.bboxes, c.output.image_hw), o = pixels(c, ours.rows, ours.hw);
      const shift = c.transforms.some((t) => t.init['fit_output'] === true) ? fittedShift(affine) : [0, 0];
      assert.deepEqual(ours.ids, c.output.ids, c.id);
      g.forEach((v, k) => {
        const size = k % 2 === 0 ? [gw, ow] : [gh, oh];
        const onEdge = v < 1e-9 || v > size[0]! - 1e-9 || o[k]! < 1e-9 || o[k]! > size[1]! - 1e-9;
        if (onEdge) return;
        assert.ok(Math.abs(o[k]! - v - d[k % 2]! - shift[k % 2]!) < TOL, `${c.id} coordinate ${k}: delta ${o[k]! - v}, predicted ${d[k % 2]! + shift[k % 2]!}`);
        checked++;
      });
    }
    assert.equal(checked, 390);
  });

  test('fitOutput: augury sizes the canvas from the image edges (441 x 490), Albumentations from pixel centres (441 x 489)', () => {
    for (const f of ['pascal_voc', 'coco', 'yolo']) {
      const c = caseById(`Affine_rotate25_fit_output/${f}`);
      assert.deepEqual(c.output.image_hw, [441, 489]);
      assert.deepEqual(results.get(c.id)!.hw, [441, 490]);
    }
  });

  test('ellipse: augury\'s analytic extent exceeds the 360-sample extent by at most r(1 - cos 0.5°), plus 0.5 px for Affine', () => {
    let checked = 0;
    for (const c of boxGolden.cases.filter((g) => g.transforms.some(isEllipse))) {
      const t = c.transforms[0]!;
      const offset = t.name === 'Affine' ? 0.5 : 0;
      const ours = results.get(c.id)!;
      const [h, w] = c.output.image_hw;
      const g = pixels(c, c.output.bboxes, c.output.image_hw), o = pixels(c, ours.rows, ours.hw);
      const input = toXyxy(c.bbox_params.format, c.input.bboxes, c.input.image_hw);
      const m = stepMaps(t).augury;
      ours.ids.forEach((id, r) => {
        const b = Array.from(input.subarray(4 * id, 4 * id + 4));
        const a = (b[2]! - b[0]!) / 2, bb = (b[3]! - b[1]!) / 2;
        const half = [Math.hypot(a * m[0]!, bb * m[1]!), Math.hypot(a * m[3]!, bb * m[4]!)];
        for (let k = 0; k < 4; k++) {
          const v = g[4 * r + k]!, size = k % 2 === 0 ? w : h;
          if (v < 1e-9 || v > size - 1e-9 || o[4 * r + k]! < 1e-9 || o[4 * r + k]! > size - 1e-9) continue;
          // Outward: x1, y1 decrease, x2, y2 increase.
          const outward = (k < 2 ? -1 : 1) * (o[4 * r + k]! - v - offset);
          const bound = half[k % 2]! * (1 - Math.cos((0.5 * Math.PI) / 180));
          assert.ok(outward > -TOL && outward < bound + TOL, `${c.id} box ${id}[${k}]: ${outward} outside [0, ${bound}]`);
          checked++;
        }
      });
    }
    assert.equal(checked, 150);
  });

  test("Perspective: 1.3.1's running x_max, y_max start at 0, which cannot show here: every mapped box reaches past 0", () => {
    for (const c of boxGolden.cases.filter((g) => g.name === 'Perspective_seed5')) {
      const input = toXyxy(c.bbox_params.format, c.input.bboxes, c.input.image_hw);
      const m = stepMaps(c.transforms[0]!).albBoxes;
      for (let r = 0; r < 8; r++) {
        const h = hull(mappedCorners(m, Array.from(input.subarray(4 * r, 4 * r + 4))));
        assert.ok(h[2] > 0 && h[3] > 0, `${c.id} box ${r}`);
      }
    }
  });

  test('check_each_transform false: augury filters after every step, so it gives the check_each_transform true result', () => {
    for (const f of ['pascal_voc', 'coco', 'yolo']) {
      const off = caseById(`Crop_0_0_200_150+PadIfNeeded_300x400_check_each_transform_false/${f}`);
      const on = caseById(`Crop_0_0_200_150+PadIfNeeded_300x400_check_each_transform_true/${f}`);
      const ours = results.get(off.id)!;
      // Albumentations brings box 4 back: cut away by the crop, it lands in the padding.
      assert.deepEqual(off.output.ids, [0, 1, 3, 4, 6]);
      assert.deepEqual(ours.ids, on.output.ids);
      assert.ok(maxPixelDiff(off.bbox_params.format, ours.hw, ours.rows, on.output.bboxes) < TOL);
    }
  });
});

/** The extra shift of augury's fitted canvas over Albumentations' map in continuous coordinates. */
function fittedShift(t: AlbStep): number[] {
  const m = stepMaps(t);
  const cont = [0.5 - 0.5 * (m.albBoxes[0]! + m.albBoxes[1]!), 0.5 - 0.5 * (m.albBoxes[3]! + m.albBoxes[4]!)];
  return [m.augury[2]! - m.albBoxes[2]! - cont[0]!, m.augury[5]! - m.albBoxes[5]! - cont[1]!];
}

describe('visibility: the share of the mapped object (augury) vs of its enclosing box (Albumentations)', () => {
  /** A golden case with another min_visibility (a prediction beyond the golden file). */
  const variant = (id: string, minVisibility: number): BoxCase => {
    const c = caseById(id);
    return { ...c, id: `${id} @ ${minVisibility}`, bbox_params: { ...c.bbox_params, min_visibility: minVisibility } };
  };

  test('at the golden thresholds both definitions keep the same boxes, though the shares differ', () => {
    for (const id of ['Rotate30_min_visibility_0.5/pascal_voc', 'HorizontalFlip+Affine+Crop_pipeline_min_visibility_0.3/pascal_voc']) {
      const c = caseById(id);
      assert.deepEqual(idsOf(model(c, 'augury')), idsOf(model(c, 'albumentations')), id);
      const loose = variant(id, 0);
      const alb = shares(loose, 'albumentations'), aug = shares(loose, 'augury');
      assert.ok([...aug].some(([box, v]) => Math.abs(v - alb.get(box)!) > 0.01), `${id}: the two shares should differ`);
    }
  });

  // Thresholds between the two shares of one box; the models say which box flips, augury must do what its model says.
  const splits: [string, number, number[], number[]][] = [
    ['Rotate30_min_visibility_0.5/pascal_voc', 0.35, [1], []],
    ['Rotate30_min_visibility_0.5/pascal_voc', 0.53, [], [2]],
    ['HorizontalFlip+Affine+Crop_pipeline_min_visibility_0.3/pascal_voc', 0.4, [1], []],
  ];
  for (const [id, v, albOnly, augOnly] of splits) {
    test(`${id.split('/')[0]} at min_visibility ${v}: Albumentations alone keeps [${albOnly}], augury alone [${augOnly}]`, async () => {
      const c = variant(id, v);
      const alb = idsOf(model(c, 'albumentations')), aug = idsOf(model(c, 'augury'));
      assert.deepEqual(alb.filter((i) => !aug.includes(i)), albOnly);
      assert.deepEqual(aug.filter((i) => !alb.includes(i)), augOnly);
      assert.deepEqual((await runAugury(c)).ids, aug);
    });
  }
});

/** Each box's share by one library's rule: Albumentations' smallest per-step share, augury's product of shares. */
function shares(c: BoxCase, flavour: Flavour): Map<number, number> {
  const out = new Map<number, number>();
  const input = toXyxy(c.bbox_params.format, c.input.bboxes, c.input.image_hw);
  c.input.ids.forEach((id, r) => {
    let box = Array.from(input.subarray(4 * r, 4 * r + 4));
    let v = 1;
    for (const t of c.transforms) {
      const maps = stepMaps(t);
      const [h, w] = flavour === 'augury' ? maps.auguryHW : maps.albHW;
      const corners = mappedCorners(flavour === 'augury' ? maps.augury : maps.albBoxes, box);
      const enclosing = hull(corners);
      const step = flavour === 'augury' ? share(corners, w, h) : area(clipBox(enclosing, w, h)) / area(enclosing);
      v = flavour === 'augury' ? v * step : Math.min(v, step);
      box = clipBox(enclosing, w, h);
    }
    out.set(id, v);
  });
  return out;
}
