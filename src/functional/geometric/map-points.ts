/**
 * Moving points (keypoints, polygon vertices, box corners) through coordinate maps. The maps say
 * where each OUTPUT pixel centre comes from in the input; a label needs the opposite, where an
 * INPUT point goes. We solve M(q) = p for the output point q numerically.
 *
 * M is the continuous form of the maps: bilinear between output pixel centres; past one edge of
 * the centres' hull the edge cell continues linearly, past a corner the tangent plane at the
 * corner does, so points near or past the border still have an answer (a keypoint pushed out of
 * frame keeps its mapped position, as with matrices). An axis one pixel long is taken to shift
 * points by a constant.
 *
 * Solver: Newton's method with backtracking, started from the identity corrected by one
 * fixed-point step; smooth fields end there. If that fails or lands outside the frame, every
 * cell whose patch covers p is inverted in closed form (map-cells.ts) and the preimage nearest p
 * wins; failing that, an answer outside the frame stands, or Newton restarts from the output
 * pixel centre whose map value lies nearest to p.
 *
 * A point is solved when |M(q) - p| <= tolerance on both axes (default 1e-3 input pixels);
 * otherwise its result is NaN, meaning the point has no image: a strong pincushion or a folding
 * elastic field can leave parts of the input out of the output entirely, and label code should
 * treat such points as out of frame. Where a field folds (several q with M(q) = p) the answer is
 * inside the frame when any preimage is: the one Newton reaches from the identity, else the one
 * nearest p. Pinned by test/functional/geometric/map-points.test.ts.
 */
import { checkFinite, checkInt, invalid } from './common.js';
import type { CoordinateMaps } from './fields.js';
import { CellIndex } from './map-cells.js';

export interface MapPointsOptions {
  /** Largest accepted |M(q) - p| per axis, in input pixels. Default 1e-3. */
  readonly tolerance?: number;
  /** Newton iterations per start. Default 50. */
  readonly maxIterations?: number;
}

/** The default solver tolerance, in input pixels. */
export const MAP_POINTS_TOLERANCE = 1e-3;

/**
 * Maps input points `xy` (x0, y0, x1, y1, ...) to output points through `maps`; NaN where no
 * output point maps back within the tolerance.
 * @example const out = mapPointsThroughMaps(Float64Array.of(10.5, 20.5), gridDistortionMaps(w, h, 5, xs, ys));
 */
export function mapPointsThroughMaps(xy: ArrayLike<number>, maps: CoordinateMaps, opts: MapPointsOptions = {}): Float64Array {
  checkMaps(maps);
  const tol = opts.tolerance ?? MAP_POINTS_TOLERANCE;
  const maxIter = opts.maxIterations ?? 50;
  checkFinite(tol, 'mapPointsThroughMaps.tolerance', 'use a small positive number of pixels such as 1e-3');
  if (tol <= 0) throw invalid('mapPointsThroughMaps.tolerance', 'tolerance must be positive', 'a number > 0', tol, 'use 1e-3');
  checkInt(maxIter, 'mapPointsThroughMaps.maxIterations', 1, 'use 50');
  if (xy.length % 2 !== 0) throw invalid('mapPointsThroughMaps.xy', 'points come as x, y pairs', 'an even number of values', xy.length, 'pass [x0, y0, x1, y1, ...]');
  const out = new Float64Array(xy.length);
  const solver = new Solver(maps, tol, maxIter);
  for (let p = 0; p < xy.length; p += 2) {
    const x = xy[p]!, y = xy[p + 1]!;
    const ok = Number.isFinite(x) && Number.isFinite(y) && solver.solve(x, y);
    out[p] = ok ? solver.qx : NaN;
    out[p + 1] = ok ? solver.qy : NaN;
  }
  return out;
}

/** M(q): the continuous input point that output point (qx, qy) shows. */
export function evaluateMaps(maps: CoordinateMaps, qx: number, qy: number): [number, number] {
  checkMaps(maps);
  const s = new Float64Array(6);
  evalInto(maps, qx, qy, s);
  return [s[0]!, s[1]!];
}

function checkMaps(maps: CoordinateMaps): void {
  const n = maps.width * maps.height;
  if (!Number.isInteger(maps.width) || !Number.isInteger(maps.height) || maps.width < 1 || maps.height < 1 || maps.mapX.length !== n || maps.mapY.length !== n) {
    throw invalid('mapPointsThroughMaps.maps', 'maps do not match their size', `${maps.width}x${maps.height} = ${n} values each`, `${maps.mapX.length} and ${maps.mapY.length}`, 'pass the maps object returned by a field builder unchanged');
  }
}

/**
 * Writes [Mx, My, dMx/dqx, dMx/dqy, dMy/dqx, dMy/dqy] at (qx, qy) into `s`. Inside the hull of
 * the pixel centres M is bilinear per cell. Past one edge the edge cell continues linearly
 * across it; past a corner M continues along the tangent plane at the corner, because the
 * bilinear cross term would bend the map there and make distant points unsolvable.
 */
function evalInto(maps: CoordinateMaps, qx: number, qy: number, s: Float64Array): void {
  const { width: w, height: h, mapX, mapY } = maps;
  const px = qx - 0.5, py = qy - 0.5;
  const cx = w > 1 ? Math.min(Math.max(Math.floor(px), 0), w - 2) : 0;
  const cy = h > 1 ? Math.min(Math.max(Math.floor(py), 0), h - 2) : 0;
  let tx = w > 1 ? px - cx : 0, ty = h > 1 ? py - cy : 0;
  let ex = 0, ey = 0;
  if ((tx < 0 || tx > 1) && (ty < 0 || ty > 1)) {
    const cxT = tx < 0 ? 0 : 1, cyT = ty < 0 ? 0 : 1;
    ex = tx - cxT; ey = ty - cyT;
    tx = cxT; ty = cyT;
  }
  const x1 = w > 1 ? cx + 1 : cx, y1 = h > 1 ? cy + 1 : cy;
  const i00 = cy * w + cx, i01 = cy * w + x1, i10 = y1 * w + cx, i11 = y1 * w + x1;
  const ax = 1 - tx, ay = 1 - ty;
  const X00 = mapX[i00]!, X01 = mapX[i01]!, X10 = mapX[i10]!, X11 = mapX[i11]!;
  const Y00 = mapY[i00]!, Y01 = mapY[i01]!, Y10 = mapY[i10]!, Y11 = mapY[i11]!;
  const jxx = ay * (X01 - X00) + ty * (X11 - X10);
  const jxy = ax * (X10 - X00) + tx * (X11 - X01);
  const jyx = ay * (Y01 - Y00) + ty * (Y11 - Y10);
  const jyy = ax * (Y10 - Y00) + tx * (Y11 - Y01);
  s[0] = ay * (ax * X00 + tx * X01) + ty * (ax * X10 + tx * X11) + jxx * ex + jxy * ey;
  s[1] = ay * (ax * Y00 + tx * Y01) + ty * (ax * Y10 + tx * Y11) + jyx * ex + jyy * ey;
  s[2] = jxx; s[3] = jxy; s[4] = jyx; s[5] = jyy;
  // A one-pixel axis carries no slope: treat the map as a shift along it.
  if (w === 1) { s[0] = s[0]! + px; s[2] = 1; s[4] = 0; }
  if (h === 1) { s[1] = s[1]! + py; s[3] = 0; s[5] = 1; }
}

class Solver {
  qx = 0;
  qy = 0;
  private readonly s = new Float64Array(6);
  private cells: CellIndex | undefined;

  constructor(private readonly maps: CoordinateMaps, private readonly tol: number, private readonly maxIter: number) {}

  solve(x: number, y: number): boolean {
    evalInto(this.maps, x, y, this.s);
    const first = this.newton(x, y, x - (this.s[0]! - x), y - (this.s[1]! - y));
    if (first && this.inFrame()) return true;
    const fx = this.qx, fy = this.qy;
    // No answer, or one outside the frame: the field may fold, with a preimage inside that
    // Newton cannot reach. Look at every cell whose patch covers p; keep the preimage nearest p.
    this.cells ??= new CellIndex(this.maps);
    let best = Infinity, bx = NaN, by = NaN;
    this.cells.preimages(x, y, (qx, qy) => {
      if (!this.newton(x, y, qx, qy)) return;
      const d = (this.qx - x) ** 2 + (this.qy - y) ** 2;
      if (d < best) { best = d; bx = this.qx; by = this.qy; }
    });
    if (best < Infinity) {
      this.qx = bx;
      this.qy = by;
      return true;
    }
    this.qx = fx;
    this.qy = fy;
    if (first) return true;
    // Last resort for points whose preimage lies past the border: start from the nearest centre.
    const [sx, sy] = this.nearestCentre(x, y);
    return this.newton(x, y, sx, sy);
  }

  private inFrame(): boolean {
    return this.qx >= 0 && this.qx <= this.maps.width && this.qy >= 0 && this.qy <= this.maps.height;
  }

  private newton(x: number, y: number, qx: number, qy: number): boolean {
    const s = this.s;
    evalInto(this.maps, qx, qy, s);
    let rx = s[0]! - x, ry = s[1]! - y;
    let sq = rx * rx + ry * ry;
    for (let it = 0; it <= this.maxIter && Number.isFinite(sq); it++) {
      if (Math.abs(rx) <= this.tol && Math.abs(ry) <= this.tol) {
        this.qx = qx;
        this.qy = qy;
        return true;
      }
      if (it === this.maxIter) break;
      const a = s[2]!, b = s[3]!, c = s[4]!, d = s[5]!;
      const det = a * d - b * c;
      if (det === 0 || !Number.isFinite(det)) return false;
      const dx = (d * rx - b * ry) / det, dy = (a * ry - c * rx) / det;
      // Backtracking on the squared residual (the Newton step always decreases it locally):
      // the map is only piecewise bilinear, so a full step can overshoot into another cell.
      let step = 1;
      let accepted = false;
      for (let half = 0; half < 40; half++, step /= 2) {
        const nx = qx - step * dx, ny = qy - step * dy;
        evalInto(this.maps, nx, ny, s);
        const nrx = s[0]! - x, nry = s[1]! - y;
        const nsq = nrx * nrx + nry * nry;
        if (nsq < sq) {
          qx = nx; qy = ny; rx = nrx; ry = nry; sq = nsq;
          accepted = true;
          break;
        }
      }
      if (!accepted) return false;
    }
    return false;
  }

  /**
   * The output pixel centre whose map value lies nearest to (x, y): a scan on a grid of at
   * most about 64x64 centres, then every centre around the best one, so the cost per point
   * stays bounded on large images.
   */
  private nearestCentre(x: number, y: number): [number, number] {
    const { width: w, height: h } = this.maps;
    const step = Math.max(1, Math.floor(Math.max(w, h) / 64));
    let [bj, bi] = this.scan(x, y, 0, w - 1, 0, h - 1, step);
    if (step > 1) [bj, bi] = this.scan(x, y, bj - step, bj + step, bi - step, bi + step, 1);
    return [bj + 0.5, bi + 0.5];
  }

  private scan(x: number, y: number, j0: number, j1: number, i0: number, i1: number, step: number): [number, number] {
    const { width: w, height: h, mapX, mapY } = this.maps;
    let best = Infinity, bj = 0, bi = 0;
    for (let i = Math.max(0, i0); i <= Math.min(h - 1, i1); i += step) {
      for (let j = Math.max(0, j0); j <= Math.min(w - 1, j1); j += step) {
        const ex = mapX[i * w + j]! - x, ey = mapY[i * w + j]! - y;
        const d = ex * ex + ey * ey;
        if (d < best) { best = d; bj = j; bi = i; }
      }
    }
    return [bj, bi];
  }
}
