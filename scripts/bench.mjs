// `npm run bench`: per-core benchmarks (one thread: taskset -c 0 where available, UV_THREADPOOL_SIZE=1).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = ['--import', 'tsx', 'bench/ops.ts', ...process.argv.slice(2)];
const env = { ...process.env, UV_THREADPOOL_SIZE: '1' };
const pinned = existsSync('/usr/bin/taskset');
const r = pinned ? spawnSync('taskset', ['-c', '0', process.execPath, ...args], { stdio: 'inherit', env }) : spawnSync(process.execPath, args, { stdio: 'inherit', env });
process.exit(r.status ?? 1);
