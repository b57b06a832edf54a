/**
 * `augury apply`: one image (and its targets) through a pipeline, or through a recorded trace.
 *   augury apply --pipeline p.yaml --image in.png [--targets t.json] --out out.png [--out-targets o.json] [--seed S] [--trace trace.json]
 *   augury apply --replay trace.json --image in.png [--targets t.json] --out out.png [--out-targets o.json]
 */
import { Option, type Command } from 'commander';
import { AuguryError } from '../core/errors.js';
import { replayTrace, type RunResult } from '../core/pipeline.js';
import { writeFileAtomic } from '../io/atomic.js';
import { readImage, sharpCodec, writeImage } from '../io/codecs/index.js';
import { readPipeline, readTraceFile } from '../io/pipeline-file.js';
import { BOX_FORMATS, readTargets, writeTargets, type BoxFormat } from '../io/targets-json.js';
import type { Sample } from '../targets/sample.js';
import '../transforms/index.js';
import type { CommandContext } from './common.js';

interface ApplyOptions {
  pipeline?: string;
  replay?: string;
  image: string;
  targets?: string;
  out: string;
  outTargets?: string;
  seed: number;
  trace?: string;
  exif: 'apply' | 'ignore';
  boxFormat?: BoxFormat;
  json?: boolean;
}

function seedArg(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n >= 2 ** 32) throw new AuguryError({ code: 'usage', message: 'expected a whole number in [0, 2^32)', key: '--seed', received: JSON.stringify(v) });
  return n;
}

/** The image and its targets as a sample, and the box format the targets used. */
export async function loadInput(image: string, targets: string | undefined, exif: 'apply' | 'ignore'): Promise<{ sample: Sample; boxFormat: BoxFormat }> {
  const img = await readImage(image, { exif, file: image });
  const t = targets ? await readTargets(targets, img.width, img.height) : { targets: {}, boxFormat: 'pascal_voc' as const };
  return { sample: { id: image, image: img, ...t.targets }, boxFormat: t.boxFormat };
}

export function registerApply(program: Command, ctx: CommandContext): void {
  program
    .command('apply')
    .description('augment one image and its targets with a pipeline, or replay a trace exactly')
    .option('--pipeline <file>', 'pipeline YAML or JSON')
    .option('--replay <trace>', 'trace JSON to replay (exact params, no randomness)')
    .requiredOption('--image <file>', 'input image')
    .option('--targets <file>', 'targets JSON of the image (docs/schemas/targets.schema.json)')
    .requiredOption('--out <file>', 'output image (format from the extension)')
    .option('--out-targets <file>', 'output targets JSON (masks are written beside it)')
    .option('--seed <n>', 'seed of the run', seedArg, 0)
    .option('--trace <file>', 'write the trace of the run here')
    .addOption(new Option('--exif <mode>', 'apply EXIF orientation on read, or read pixels as stored').choices(['apply', 'ignore']).default('apply'))
    .addOption(new Option('--box-format <format>', 'box format of the output targets (default: that of the input)').choices([...BOX_FORMATS]))
    .option('--json', 'print a JSON summary on stdout')
    .action(async (o: ApplyOptions) => {
      if ((o.pipeline === undefined) === (o.replay === undefined)) {
        throw new AuguryError({ code: 'usage', message: 'give exactly one of --pipeline and --replay', key: 'apply', hint: 'augury apply --pipeline p.yaml ... to augment, or --replay trace.json ... to reproduce a run' });
      }
      const { sample: input, boxFormat } = await loadInput(o.image, o.targets, o.exif);
      let result: RunResult;
      if (o.replay) {
        result = await replayTrace(input, await readTraceFile(o.replay), { codec: sharpCodec, file: o.replay });
      } else {
        const pipeline = await readPipeline(o.pipeline!);
        result = await pipeline.run(input, { stream: { seed: o.seed }, codec: sharpCodec });
      }
      await writeImage(o.out, result.sample.image);
      if (o.outTargets) await writeTargets(o.outTargets, result.sample, o.boxFormat ?? boxFormat);
      if (o.trace) await writeFileAtomic(o.trace, JSON.stringify(result.trace, null, 1) + '\n');
      const s = result.sample;
      const summary = {
        out: o.out,
        width: s.image.width,
        height: s.image.height,
        boxes: s.boxes ? s.boxes.labels.length : undefined,
        keypoints: s.keypoints ? s.keypoints.visibility.length : undefined,
        steps: result.trace.steps.length,
      };
      ctx.out(o.json ? JSON.stringify(summary) : `wrote ${o.out} (${s.image.width}x${s.image.height})${summary.boxes !== undefined ? `, ${summary.boxes} boxes` : ''}${o.trace ? `, trace ${o.trace}` : ''}`);
    });
}
