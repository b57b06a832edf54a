import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  MAP_POINTS_TOLERANCE, displacementMaps, elasticField, evaluateMaps, gridDistortionMaps, mapPointsThroughMaps, opticalDistortionMaps, remapImage,
  type CoordinateMaps,
} from '../../../src/functional/geometric/index.js';
import { AuguryError } from '../../../src/core/errors.js';
import { createImage } from '../../../src/targets/image.js';

/**
 * The continuous map, written independently: bilinear between output pixel centres; past one
 * edge the edge cell continues linearly; past a corner, the tangent plane at the corner.
 * (Maps here are at least 2x2.)
 */
function refEval(m: CoordinateMaps, qx: number, qy: number): [number, number] {
  const at = (a: Float32Array, x: number, y: number) => a[y * m.width + x]!;
  const px = qx - 0.5, py = qy - 0.5;
  const cx = Math.min(Math.max(Math.floor(px), 0), m.width - 2);
  const cy = Math.min(Math.max(Math.floor(py), 0), m.height - 2);
  const tx = px - cx, ty = py - cy;
  const corner = (tx < 0 || tx > 1) && (ty < 0 || ty > 1);
  const sx = corner ? Math.min(Math.max(tx, 0), 1) : tx, sy = corner ? Math.min(Math.max(ty, 0), 1) : ty;
  const one = (a: Float32Array): number => {
    const v00 = at(a, cx, cy), v01 = at(a, cx + 1, cy), v10 = at(a, cx, cy + 1), v11 = at(a, cx + 1, cy + 1);
    const v = (1 - sy) * ((1 - sx) * v00 + sx * v01) + sy * ((1 - sx) * v10 + sx * v11);
    const dx = (1 - sy) * (v01 - v00) + sy * (v11 - v10), dy = (1 - sx) * (v10 - v00) + sx * (v11 - v01);
    return v + dx * (tx - sx) + dy * (ty - sy);
  };
  return [one(m.mapX), one(m.mapY)];
}

function pointsIn(w: number, h: number, n: number, margin = 0): Float64Array {
  const out = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    // A low-discrepancy spread (golden ratio) covers the frame without randomness.
    out[2 * k] = -margin + ((k * 0.6180339887 + 0.1) % 1) * (w + 2 * margin);
    out[2 * k + 1] = -margin + ((k * 0.7548776662 + 0.3) % 1) * (h + 2 * margin);
  }
  return out;
}

function assertRoundTrip(maps: CoordinateMaps, pts: Float64Array, label: string): void {
  const q = mapPointsThroughMaps(pts, maps);
  for (let k = 0; k < pts.length; k += 2) {
    assert.ok(Number.isFinite(q[k]!) && Number.isFinite(q[k + 1]!), `${label}: point ${k / 2} unsolved`);
    const [x, y] = refEval(maps, q[k]!, q[k + 1]!);
    assert.ok(Math.abs(x - pts[k]!) <= MAP_POINTS_TOLERANCE && Math.abs(y - pts[k + 1]!) <= MAP_POINTS_TOLERANCE, `${label}: (${pts[k]}, ${pts[k + 1]}) -> (${q[k]}, ${q[k + 1]}) maps back to (${x}, ${y})`);
  }
}

describe('mapPointsThroughMaps', () => {
  test('identity maps leave points where they are, also outside the frame', () => {
    const maps = opticalDistortionMaps(20, 15, 0);
    const pts = Float64Array.of(0, 0, 20, 15, 3.25, 7.75, -4, 18, 25.5, -2);
    const q = mapPointsThroughMaps(pts, maps);
    q.forEach((v, k) => assert.ok(Math.abs(v - pts[k]!) <= MAP_POINTS_TOLERANCE, `${k}: ${v}`));
  });

  test('a shift field moves points by the opposite of the map offset', () => {
    const w = 10, h = 8;
    const maps = displacementMaps(new Float32Array(w * h).fill(-2.25), new Float32Array(w * h).fill(1.5), w, h);
    const q = mapPointsThroughMaps(Float64Array.of(4, 4, 0, 0), maps);
    assert.deepEqual(Array.from(q, (v) => Math.round(v * 1e6) / 1e6), [6.25, 2.5, 2.25, -1.5]);
  });

  test('grid distortion: points come back within the tolerance and near the exact piecewise-linear inverse', () => {
    const w = 40, h = 30;
    const xs = [1.2, 0.8, 1.1, 0.9], ys = [0.85, 1.15, 1, 1];
    const maps = gridDistortionMaps(w, h, 4, xs, ys, true);
    const pts = pointsIn(w, h, 200);
    assertRoundTrip(maps, pts, 'grid');
    // Exact inverse of the normalized x axis: output knots 0, 10, 20, 30, 40; input knots scaled to 40.
    const inKnots = [0];
    for (const s of xs) inKnots.push(inKnots[inKnots.length - 1]! + 10 * s);
    const scale = 40 / inKnots[4]!;
    const exactX = (x: number): number => {
      for (let k = 0; k < 4; k++) {
        const a = inKnots[k]! * scale, b = inKnots[k + 1]! * scale;
        if (x <= b || k === 3) return 10 * k + ((x - a) / (b - a)) * 10;
      }
      return NaN;
    };
    const q = mapPointsThroughMaps(pts, maps);
    // Interpolating between pixel centres rounds each knot's corner off within one pixel:
    // at most a quarter of the slope change there, 0.1 px for these steps.
    for (let k = 0; k < pts.length; k += 2) assert.ok(Math.abs(q[k]! - exactX(pts[k]!)) < 0.15, `x ${pts[k]}: ${q[k]} vs ${exactX(pts[k]!)}`);
  });

  test('optical distortion: images of output points come back to them, and agree with the closed-form lens model', () => {
    for (const [k, dx, dy] of [[0.4, 0, 0], [-0.3, 3, -2], [0.8, -4, 5]] as const) {
      const w = 48, h = 36;
      const maps = opticalDistortionMaps(w, h, k, dx, dy);
      // Input points that the output frame shows: the map's values at spread-out output points.
      const outPts = pointsIn(w, h, 150);
      const pts = new Float64Array(outPts.length);
      for (let i = 0; i < pts.length; i += 2) [pts[i], pts[i + 1]] = refEval(maps, outPts[i]!, outPts[i + 1]!);
      assertRoundTrip(maps, pts, `optical k=${k}`);
      const q = mapPointsThroughMaps(pts, maps);
      const cx = w / 2 + dx, cy = h / 2 + dy;
      for (let i = 0; i < pts.length; i += 2) {
        assert.ok(Math.abs(q[i]! - outPts[i]!) < 0.01 && Math.abs(q[i + 1]! - outPts[i + 1]!) < 0.01, `back to the output point ${i / 2}`);
        // Between pixel centres the maps interpolate the lens within 0.05 px on this small image
        // (0.04 measured at k = 0.8); in the half-pixel band along the border they extrapolate
        // linearly, within 0.15 px.
        const inHull = q[i]! >= 0.5 && q[i]! <= w - 0.5 && q[i + 1]! >= 0.5 && q[i + 1]! <= h - 0.5;
        const tol = inHull ? 0.05 : 0.15;
        const x = (q[i]! - cx) / w, y = (q[i + 1]! - cy) / h, r2 = x * x + y * y, f = 1 + k * r2 + k * r2 * r2;
        assert.ok(Math.abs(cx + w * x * f - pts[i]!) < tol && Math.abs(cy + h * y * f - pts[i + 1]!) < tol, `model at point ${i / 2}`);
      }
    }
  });

  test('a strong pincushion leaves the input corners without an image: NaN, not a wrong point', () => {
    // k = -0.3 folds the lens model at r ≈ 0.74; the bottom-left input corner lies beyond what
    // any output point shows.
    const maps = opticalDistortionMaps(48, 36, -0.3, 3, -2);
    const q = mapPointsThroughMaps([1, 35], maps);
    assert.ok(Number.isNaN(q[0]!) || (Math.abs(refEval(maps, q[0]!, q[1]!)[0] - 1) <= MAP_POINTS_TOLERANCE && Math.abs(refEval(maps, q[0]!, q[1]!)[1] - 35) <= MAP_POINTS_TOLERANCE));
  });

  test('elastic fields: every point that is solved maps back within the tolerance (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.double({ min: 0, max: 6, noNaN: true }), fc.double({ min: 2, max: 6, noNaN: true }), (seed, alpha, sigma) => {
        const w = 32, h = 24;
        const { dx, dy } = elasticField(w, h, alpha, sigma, seed);
        const maps = displacementMaps(dx, dy, w, h);
        assertRoundTrip(maps, pointsIn(w, h, 40, 3), `elastic seed ${seed}`);
      }),
      { numRuns: 25 },
    );
  });

  test('a folding field: solved points map back, and NaN only where no output point comes near', () => {
    const w = 24, h = 24;
    const { dx, dy } = elasticField(w, h, 30, 1.5, 7);
    const maps = displacementMaps(dx, dy, w, h);
    const pts = pointsIn(w, h, 200);
    const q = mapPointsThroughMaps(pts, maps);
    const unsolved: number[] = [];
    for (let k = 0; k < pts.length; k += 2) {
      if (Number.isNaN(q[k]!)) { unsolved.push(k); continue; }
      const [x, y] = refEval(maps, q[k]!, q[k + 1]!);
      assert.ok(Math.abs(x - pts[k]!) <= MAP_POINTS_TOLERANCE && Math.abs(y - pts[k + 1]!) <= MAP_POINTS_TOLERANCE);
    }
    assert.ok(unsolved.length < 20, `${unsolved.length} of 200 unsolved`);
    // Brute force: sample every cell between pixel centres on a 50x50 grid. A point the solver
    // gave up on must be clearly out of reach (measured: at least 0.13 px away for this field),
    // not a missed root.
    const X = maps.mapX, Y = maps.mapY;
    for (const k of unsolved) {
      const px = pts[k]!, py = pts[k + 1]!;
      let best = Infinity;
      for (let cy = 0; cy < h - 1; cy++) {
        for (let cx = 0; cx < w - 1; cx++) {
          const i = cy * w + cx;
          const x00 = X[i]!, x01 = X[i + 1]!, x10 = X[i + w]!, x11 = X[i + w + 1]!;
          const y00 = Y[i]!, y01 = Y[i + 1]!, y10 = Y[i + w]!, y11 = Y[i + w + 1]!;
          for (let a = 0; a <= 50; a++) {
            const t = a / 50;
            const xl = x00 + (x10 - x00) * t, xr = x01 + (x11 - x01) * t;
            const yl = y00 + (y10 - y00) * t, yr = y01 + (y11 - y01) * t;
            for (let b = 0; b <= 50; b++) {
              const u = b / 50;
              const d = Math.hypot(xl + (xr - xl) * u - px, yl + (yr - yl) * u - py);
              if (d < best) best = d;
            }
          }
        }
      }
      assert.ok(best > 0.05, `point ${k / 2} unsolved but the map passes within ${best} px of it`);
    }
  });

  test('a marked spot lands where its point is mapped (pixels and labels agree)', () => {
    const w = 64, h = 48;
    const maps = opticalDistortionMaps(w, h, 0.6, 2, -1);
    for (const [px, py] of [[12.5, 10.5], [50.5, 37.5], [32.5, 24.5]] as const) {
      const img = createImage(w, h, 1, 'float32');
      // A 3x3 spot centred on (px, py).
      for (let y = Math.floor(py) - 1; y <= Math.floor(py) + 1; y++) for (let x = Math.floor(px) - 1; x <= Math.floor(px) + 1; x++) img.data[y * w + x] = 1;
      const out = remapImage(img, maps.mapX, maps.mapY, w, h, { interpolation: 'bilinear', border: 'constant', fill: 0 });
      let s = 0, sx = 0, sy = 0;
      for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) { const v = out.data[i * w + j]!; s += v; sx += v * (j + 0.5); sy += v * (i + 0.5); }
      const [qx, qy] = mapPointsThroughMaps(Float64Array.of(px, py), maps);
      assert.ok(Math.abs(sx / s - qx!) < 0.5 && Math.abs(sy / s - qy!) < 0.5, `spot at (${sx / s}, ${sy / s}), point at (${qx}, ${qy})`);
    }
  });

  test('evaluateMaps is the continuous map the solver inverts', () => {
    const maps = opticalDistortionMaps(16, 12, 0.3);
    for (const [x, y] of [[0.5, 0.5], [3.2, 7.9], [15.5, 11.5], [-1, 13]] as const) {
      const [a, b] = evaluateMaps(maps, x, y);
      const [ra, rb] = refEval(maps, x, y);
      assert.ok(Math.abs(a - ra) < 1e-9 && Math.abs(b - rb) < 1e-9);
    }
  });

  test('non-finite points give NaN; malformed input is refused with a hint', () => {
    const maps = opticalDistortionMaps(8, 8, 0.1);
    const q = mapPointsThroughMaps([NaN, 1, 2, 2], maps);
    assert.ok(Number.isNaN(q[0]!) && Number.isNaN(q[1]!) && Number.isFinite(q[2]!));
    assert.throws(() => mapPointsThroughMaps([1, 2, 3], maps), (e: unknown) => e instanceof AuguryError && /mapPointsThroughMaps\.xy/.test(e.message) && /Hint: /.test(e.message));
    assert.throws(() => mapPointsThroughMaps([1, 2], { ...maps, width: 7 }), (e: unknown) => e instanceof AuguryError && /mapPointsThroughMaps\.maps/.test(e.message));
  });

  test('a one-pixel-wide map shifts points along that axis', () => {
    const maps = { width: 1, height: 3, mapX: Float32Array.of(2.5, 2.5, 2.5), mapY: Float32Array.of(0.5, 1.5, 2.5) };
    const q = mapPointsThroughMaps([2.75, 1.25], maps);
    assert.ok(Math.abs(q[0]! - 0.75) < 1e-9 && Math.abs(q[1]! - 1.25) < 1e-9);
  });
});
