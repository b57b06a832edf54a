/**
 * OpenCV timed in the same run (bench/opencv_ops.py through Debian's python3-opencv), so that the
 * reference figures, measured on the development machine, can be rescaled to this CPU: the
 * machine ratio is the median over ops of (OpenCV here / OpenCV on the development machine).
 * The median, not the mean, because one op hit by noise should not move every reference.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchInput } from './inputs.js';
import type { BenchSize } from './ops.js';
import { roundTo } from './timing.js';

/**
 * The "500x375 OpenCV direct" column (one pinned core of the development machine,
 * OpenCV 4.6), and its JPEG decode (0.79 ms). ColorJitter has no OpenCV figure.
 */
export const OPENCV_DEV_500x375: Readonly<Record<string, number>> = {
  HorizontalFlip: 9283, VerticalFlip: 68361, Rotate: 1162, Affine: 1512, RandomResizedCrop: 10266, Resize: 10931,
  RandomBrightnessContrast: 5534, RandomGamma: 5501, ToGray: 15856, Posterize: 6013, Solarize: 5941, Equalize: 2273,
  GaussianBlur: 5137, GaussNoise: 671, ElasticTransform: 297, Perspective: 860, JpegCompression: 819, Normalize: 2645,
};
export const OPENCV_DEV_DECODE = 1 / 0.00079;

export interface OpenCvTimings {
  readonly version: string;
  /** images/s per op and size on this machine. */
  readonly ops: Readonly<Record<string, Partial<Record<BenchSize, number>>>>;
  readonly decode: Readonly<Record<string, number>>;
  /** Median over ops of OpenCV here / OpenCV on the development machine (500x375). */
  readonly machineRatio: number;
}

const SCRIPT = fileURLToPath(new URL('../../bench/opencv_ops.py', import.meta.url));

/** A python3 that imports cv2: Debian's /usr/bin/python3 first (python3-opencv installs there). */
export function opencvPython(): string | null {
  for (const py of ['/usr/bin/python3', 'python3']) {
    if (py.startsWith('/') && !existsSync(py)) continue;
    const r = spawnSync(py, ['-c', 'import cv2'], { encoding: 'utf8', timeout: 20000 });
    if (r.status === 0) return py;
  }
  return null;
}

/**
 * Times OpenCV on `inputs` (the first photo of each size), in a child process that inherits this
 * process's CPU pinning. Null with a reason when python3-opencv or the script is missing.
 */
export async function timeOpenCv(inputs: Partial<Record<BenchSize, readonly BenchInput[]>>, budgetMs: number): Promise<OpenCvTimings | { readonly missing: string }> {
  const py = opencvPython();
  if (!py) return { missing: 'python3-opencv is not installed (apt-get install python3-opencv)' };
  if (!existsSync(SCRIPT)) return { missing: `the OpenCV timing script is missing (${SCRIPT})` };
  const dir = await mkdtemp(join(tmpdir(), 'augury-opencv-'));
  try {
    for (const [size, list] of Object.entries(inputs)) if (list?.[0]) await writeFile(join(dir, `photo-${size}-q90.jpg`), list[0].jpeg);
    const r = spawnSync(py, [SCRIPT, dir, String(budgetMs)], { encoding: 'utf8', timeout: 600000, maxBuffer: 1 << 20 });
    if (r.status !== 0) return { missing: `the OpenCV timing failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}` };
    const doc = JSON.parse(r.stdout) as { opencv: string; ops: Record<string, Partial<Record<BenchSize, number>>>; decode: Record<string, number> };
    const ratios = Object.entries(OPENCV_DEV_500x375)
      .map(([name, dev]) => (doc.ops[name]?.['500x375'] ?? 0) / dev)
      .filter((x) => x > 0)
      .sort((a, b) => a - b);
    const mid = ratios.length === 0 ? 1 : ratios.length % 2 === 1 ? ratios[(ratios.length - 1) / 2]! : (ratios[ratios.length / 2 - 1]! + ratios[ratios.length / 2]!) / 2;
    return { version: doc.opencv, ops: doc.ops, decode: doc.decode, machineRatio: roundTo(mid, 3) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
