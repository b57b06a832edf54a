// `npm run bench`: `augury bench` from the built package (dist/, made by `npm run build` and by the
// prepare step of `npm ci`): worker threads started from TypeScript source through tsx run about
// 2.5x slower (BENCHMARKS.md), so the scaling figure must come from dist. Arguments pass through;
// BENCH_MS sets the timed milliseconds per figure. bin/augury.js tunes glibc's allocator for it.
import { spawnSync } from 'node:child_process';

const env = { ...process.env };
if (env.BENCH_MS && !env.AUGURY_BENCH_MS) env.AUGURY_BENCH_MS = env.BENCH_MS;
const r = spawnSync(process.execPath, ['bin/augury.js', 'bench', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
