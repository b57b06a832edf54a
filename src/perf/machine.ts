/**
 * What machine a figure was measured on, and how to make a measurement "per core": every thread
 * of this process pinned to one CPU and libvips (sharp) limited to one thread.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { setCodecThreads } from '../io/codecs/index.js';

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
}

/** CPU model, logical cores available to this process, Node version. */
export function machineInfo(): MachineInfo {
  return { cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: availableParallelism(), node: process.version };
}

/** How the per-core figures were pinned, for the report. */
export interface PinResult {
  readonly pinned: boolean;
  readonly how: string;
}

/**
 * Pins every thread of this process (the libuv pool and libvips threads included) to CPU
 * `cpu` with `taskset -a -p`, and sets sharp's concurrency to 1. Threads started later inherit
 * the pin. Pinning in place instead of re-executing under `taskset -c 0` keeps the scaling
 * measurement (run before pinning) on all cores in the same run.
 */
export function pinToOneCore(cpu = 0): PinResult {
  setCodecThreads(1);
  if (process.platform !== 'linux' || !existsSync('/usr/bin/taskset')) return { pinned: false, how: 'taskset not available: not pinned (sharp concurrency 1)' };
  const r = spawnSync('/usr/bin/taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)], { encoding: 'utf8' });
  if (r.status !== 0) return { pinned: false, how: `taskset failed (${(r.stderr || '').trim()}): not pinned (sharp concurrency 1)` };
  return { pinned: true, how: `all threads pinned to CPU ${cpu} (taskset -a -p), sharp concurrency 1` };
}
