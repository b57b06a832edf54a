/**
 * `npm run bench`: the same benchmark as `augury bench` (src/perf), printed as a table on stderr,
 * or as one JSON document with --json. BENCH_MS sets the timed milliseconds per figure.
 * Scaling runs first on every core; then every thread is pinned to CPU 0 for the per-core
 * figures (src/perf/machine.ts).
 */
import { runBench } from '../src/perf/bench.js';

const json = process.argv.includes('--json');
const doc = await runBench({ budgetMs: Number(process.env['BENCH_MS'] ?? 400), log: (l) => process.stderr.write(l + '\n') });
if (json) process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
else process.stderr.write(`geometric mean ratio: ${JSON.stringify(doc.geomeanRatio)}\n${doc.notes.map((n) => `note: ${n}`).join('\n')}\n`);
