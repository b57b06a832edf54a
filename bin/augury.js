#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';

// Commands that allocate a new image per step run with glibc's allocator tuned to keep freed
// memory instead of unmapping it: V8 frees image buffers only at garbage collection, so with the
// default thresholds every new 0.5 MB output is a fresh mmap whose pages all fault on first
// write (measured: 260 us of a 400 us op at 500x375; BENCHMARKS.md). Environment variables are
// read by glibc at process start, hence one re-exec. AUGURY_MALLOC_TUNING=0, or setting either
// variable yourself, skips it.
const HEAVY = new Set(['augment', 'bench', 'profile']);
const env = process.env;
if (
  process.platform === 'linux' &&
  HEAVY.has(process.argv[2] ?? '') &&
  env.MALLOC_MMAP_THRESHOLD_ === undefined &&
  env.MALLOC_TRIM_THRESHOLD_ === undefined &&
  env.AUGURY_MALLOC_TUNING !== '0'
) {
  const r = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...env, MALLOC_MMAP_THRESHOLD_: '33554432', MALLOC_TRIM_THRESHOLD_: '268435456' },
  });
  if (r.error) throw r.error;
  process.exit(r.status ?? 128 + (constants.signals[r.signal] ?? 1));
}

const { main } = await import('../dist/cli/main.js');
main(process.argv).then((code) => {
  process.exitCode = code;
});
