// `npm run bench`: bench/ops.ts through tsx. It pins itself to one core for the per-core figures
// after measuring worker scaling on every core (src/perf/machine.ts), so no taskset wrapper here.
import { spawnSync } from 'node:child_process';

const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/ops.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
