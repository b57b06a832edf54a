/**
 * The exhaustive fallback of map-points.ts for fields that fold: find every preimage of a point
 * among the cells of the map (the squares between four neighbouring output pixel centres, on
 * which the continuous map is bilinear).
 *
 * Cells are bucketed once by the bounding box of their patch, so a query only looks at the few
 * cells whose image can contain the point; each of those is inverted in closed form
 * (a quadratic in one cell coordinate).
 */
import type { CoordinateMaps } from './fields.js';

/** Slack on the cell coordinates, so a root on a shared edge is found from both sides. */
const EDGE_SLACK = 1e-7;

export class CellIndex {
  private readonly cw: number;
  private readonly x0: number;
  private readonly y0: number;
  private readonly size: number;
  private readonly nbx: number;
  private readonly nby: number;
  private readonly start: Int32Array;
  private readonly cells: Int32Array;

  constructor(private readonly maps: CoordinateMaps) {
    this.cw = Math.max(0, maps.width - 1);
    const nCells = this.cw * Math.max(0, maps.height - 1);
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    const box = new Float64Array(4);
    for (let c = 0; c < nCells; c++) {
      if (!this.cellBox(c, box)) continue;
      minX = Math.min(minX, box[0]!); maxX = Math.max(maxX, box[1]!);
      minY = Math.min(minY, box[2]!); maxY = Math.max(maxY, box[3]!);
    }
    if (!(maxX >= minX)) { minX = maxX = minY = maxY = 0; }
    // About one bucket per cell: fine enough that a bucket holds few cells, coarse enough that
    // the table stays the size of the map.
    const area = Math.max((maxX - minX) * (maxY - minY), 1);
    let size = Math.max(Math.sqrt(area / Math.max(nCells, 1)), 1e-6);
    // A very elongated spread of values would still need too many buckets: coarsen until not.
    while ((Math.floor((maxX - minX) / size) + 1) * (Math.floor((maxY - minY) / size) + 1) > 4 * nCells + 64) size *= 2;
    this.size = size;
    this.x0 = minX;
    this.y0 = minY;
    this.nbx = Math.floor((maxX - minX) / size) + 1;
    this.nby = Math.floor((maxY - minY) / size) + 1;
    const counts = new Int32Array(this.nbx * this.nby + 1);
    this.forEachCellBucket(nCells, (b) => { counts[b + 1]!++; });
    for (let b = 0; b < this.nbx * this.nby; b++) counts[b + 1]! += counts[b]!;
    this.start = counts;
    this.cells = new Int32Array(counts[this.nbx * this.nby]!);
    const fillAt = counts.slice(0, this.nbx * this.nby);
    this.forEachCellBucket(nCells, (b, c) => { this.cells[fillAt[b]!++] = c; });
  }

  /**
   * Calls `found(qx, qy)` with the output point of every cell whose bilinear patch passes
   * through (x, y). Roots are not polished here; the caller checks the residual.
   */
  preimages(x: number, y: number, found: (qx: number, qy: number) => void): void {
    const bx = Math.floor((x - this.x0) / this.size), by = Math.floor((y - this.y0) / this.size);
    if (bx < 0 || by < 0 || bx >= this.nbx || by >= this.nby) return;
    const b = by * this.nbx + bx;
    for (let k = this.start[b]!; k < this.start[b + 1]!; k++) {
      const c = this.cells[k]!;
      this.solveCell(c % this.cw, Math.floor(c / this.cw), x, y, found);
    }
  }

  /**
   * The cell's domain in cell coordinates: [0, 1]², widened by half a pixel on the sides that
   * face the image border, so the band between the outer pixel centres and the frame is covered.
   */
  private domain(cx: number, cy: number): [number, number, number, number] {
    const { width: w, height: h } = this.maps;
    return [cx === 0 ? -0.5 : 0, cx === w - 2 ? 1.5 : 1, cy === 0 ? -0.5 : 0, cy === h - 2 ? 1.5 : 1];
  }

  /** Writes the bounding box [minX, maxX, minY, maxY] of the cell's patch; false if not finite. */
  private cellBox(c: number, out: Float64Array): boolean {
    const { width: w, mapX, mapY } = this.maps;
    const cx = c % this.cw, cy = Math.floor(c / this.cw);
    const i00 = cy * w + cx, i01 = i00 + 1, i10 = i00 + w, i11 = i10 + 1;
    const [s0, s1, t0, t1] = this.domain(cx, cy);
    // Each coordinate is bilinear in (s, t), so its extremes over the domain are at its corners.
    const bil = (a: Float32Array, s: number, t: number): number =>
      (1 - t) * ((1 - s) * a[i00]! + s * a[i01]!) + t * ((1 - s) * a[i10]! + s * a[i11]!);
    const xa = bil(mapX, s0, t0), xb = bil(mapX, s1, t0), xc = bil(mapX, s0, t1), xd = bil(mapX, s1, t1);
    const ya = bil(mapY, s0, t0), yb = bil(mapY, s1, t0), yc = bil(mapY, s0, t1), yd = bil(mapY, s1, t1);
    out[0] = Math.min(xa, xb, xc, xd); out[1] = Math.max(xa, xb, xc, xd);
    out[2] = Math.min(ya, yb, yc, yd); out[3] = Math.max(ya, yb, yc, yd);
    // NaN anywhere makes the sum NaN: such cells have no bilinear patch.
    return Number.isFinite(out[0]! + out[1]! + out[2]! + out[3]!);
  }

  private forEachCellBucket(nCells: number, visit: (bucket: number, cell: number) => void): void {
    const box = new Float64Array(4);
    for (let c = 0; c < nCells; c++) {
      if (!this.cellBox(c, box)) continue;
      const bx0 = Math.floor((box[0]! - this.x0) / this.size), bx1 = Math.floor((box[1]! - this.x0) / this.size);
      const by0 = Math.floor((box[2]! - this.y0) / this.size), by1 = Math.floor((box[3]! - this.y0) / this.size);
      for (let by = by0; by <= by1; by++) for (let bx = bx0; bx <= bx1; bx++) visit(by * this.nbx + bx, c);
    }
  }

  /**
   * Solves P00 + B·s + C·t + D·s·t = p for the cell coordinates (s, t) in [0, 1]²: crossing with
   * (B + D·t) removes s and leaves (C×D)·t² + (C×B - E×D)·t - E×B = 0 with E = p - P00.
   */
  private solveCell(cx: number, cy: number, x: number, y: number, found: (qx: number, qy: number) => void): void {
    const { width: w, mapX, mapY } = this.maps;
    const i00 = cy * w + cx, i01 = i00 + 1, i10 = i00 + w, i11 = i10 + 1;
    const ax = mapX[i00]!, ay = mapY[i00]!;
    const bx = mapX[i01]! - ax, by = mapY[i01]! - ay;
    const cxv = mapX[i10]! - ax, cyv = mapY[i10]! - ay;
    const dx = mapX[i11]! - mapX[i01]! - mapX[i10]! + ax, dy = mapY[i11]! - mapY[i01]! - mapY[i10]! + ay;
    const ex = x - ax, ey = y - ay;
    const cross = (ux: number, uy: number, vx: number, vy: number): number => ux * vy - uy * vx;
    const qa = cross(cxv, cyv, dx, dy);
    const qb = cross(cxv, cyv, bx, by) - cross(ex, ey, dx, dy);
    const qc = -cross(ex, ey, bx, by);
    const scale = Math.max(Math.abs(qa), Math.abs(qb), Math.abs(qc));
    if (scale === 0) return;
    const roots: number[] = [];
    if (Math.abs(qa) <= 1e-12 * scale) {
      if (qb !== 0) roots.push(-qc / qb);
    } else {
      const disc = qb * qb - 4 * qa * qc;
      if (disc < 0) return;
      // The numerically stable pair of roots.
      const sq = Math.sqrt(disc);
      const qq = -0.5 * (qb + (qb >= 0 ? sq : -sq));
      if (qq !== 0) roots.push(qc / qq);
      roots.push(qq / qa);
    }
    const [s0, s1, t0, t1] = this.domain(cx, cy);
    for (const t of roots) {
      if (!(t >= t0 - EDGE_SLACK && t <= t1 + EDGE_SLACK)) continue;
      const denX = bx + dx * t, denY = by + dy * t;
      const s = Math.abs(denX) >= Math.abs(denY) ? (ex - cxv * t) / denX : (ey - cyv * t) / denY;
      if (!(s >= s0 - EDGE_SLACK && s <= s1 + EDGE_SLACK)) continue;
      found(cx + 0.5 + s, cy + 0.5 + t);
    }
  }
}
