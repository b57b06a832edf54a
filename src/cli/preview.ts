/** `augury preview`: a grid of augmented copies of one image with every label drawn. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { AuguryError } from '../core/errors.js';
import { isComposition, type StepTrace } from '../core/trace.js';
import { writeFileAtomic } from '../io/atomic.js';
import { sharpCodec } from '../io/codecs/index.js';
import { renderGrid, type GridTile } from '../io/preview.js';
import '../transforms/index.js';
import { loadInput, pipelineWithPolicy } from './apply.js';
import type { CommandContext } from './common.js';

interface PreviewOptions {
  pipeline?: string;
  policy?: string;
  image: string;
  targets?: string;
  n: number;
  out: string;
  seed: number;
  exif: 'apply' | 'ignore';
  original: boolean;
}

/** The names of the steps that ran, for captions; a policy says its scale and what a domain removed. */
export function stepsRun(steps: readonly StepTrace[]): string[] {
  return steps.flatMap((s) => {
    if (!isComposition(s)) return s.skipped ? [] : [s.name];
    if (s.skipped) return [];
    const info = s.info;
    if (!info) return stepsRun(s.steps);
    const removed = Array.isArray(info['removed']) ? (info['removed'] as { op: string }[]).map((r) => r.op) : [];
    const tag = `${s.name} (${String(info['magnitudeScale'] ?? '')}${removed.length > 0 ? `; ${info['domain'] ?? 'domain'} removed ${removed.join(', ')}` : ''})`;
    return [`${tag}: ${stepsRun(s.steps).join(', ') || 'no op'}`];
  });
}

function count(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new AuguryError({ code: 'usage', message: 'expected a whole number from 1 to 256', key: '--n', received: JSON.stringify(v) });
  return n;
}

export function registerPreview(program: Command, ctx: CommandContext): void {
  program
    .command('preview')
    .description('draw a grid of augmented copies of one image with boxes, polygons, masks and keypoints')
    .option('--pipeline <file>', 'pipeline YAML or JSON')
    .option('--policy <string>', 'append a policy step, e.g. rand-m9-n2 (docs/policies.md); alone, it is the pipeline')
    .requiredOption('--image <file>', 'input image')
    .option('--targets <file>', 'targets JSON of the image')
    .option('--n <count>', 'number of copies', count, 16)
    .requiredOption('--out <file>', 'output PNG')
    .option('--seed <n>', 'seed', (v) => Number(v), 0)
    .option('--no-original', 'leave out the first tile showing the input')
    .addOption(new Option('--exif <mode>', 'apply EXIF orientation on read, or read pixels as stored').choices(['apply', 'ignore']).default('apply'))
    .action(async (o: PreviewOptions) => {
      const pipeline = await pipelineWithPolicy(o.pipeline, o.policy);
      const { sample } = await loadInput(o.image, o.targets, o.exif);
      const tiles: GridTile[] = o.original ? [{ sample, caption: 'input' }] : [];
      for (let copy = 0; copy < o.n; copy++) {
        const r = await pipeline.run(sample, { stream: { seed: o.seed, copy }, codec: sharpCodec });
        const names = stepsRun(r.trace.steps);
        tiles.push({ sample: r.sample, caption: `#${copy}: ${names.length > 0 ? names.join(', ') : 'no step ran'}` });
      }
      await writeFileAtomic(o.out, await renderGrid(tiles));
      ctx.out(`wrote ${o.out} (${tiles.length} tiles)`);
    });
}
