/**
 * `augury apply`: one image (and its targets) through a pipeline, or through a recorded trace.
 *   augury apply --pipeline p.yaml --image in.png [--targets t.json] --out out.png [--out-targets o.json] [--seed S] [--trace trace.json]
 *   augury apply --replay trace.json --image in.png [--targets t.json] --out out.png [--out-targets o.json]
 *   --policy STRING appends a policy step (`rand-m9-n2`) to the pipeline, or is the whole pipeline.
 */
import { Option, type Command } from 'commander';
import { AuguryError } from '../core/errors.js';
import type { PartnerProvider } from '../core/mix.js';
import { backendName, getBackend, setBackend } from '../backend/select.js';
import { Pipeline, replayTrace, type RunResult } from '../core/pipeline.js';
import { listPartners } from '../io/partners.js';
import { loadDomainProfiles } from '../io/domains.js';
import { setPolicyDomainProfiles } from '../policies/domain.js';
import { writeFileAtomic } from '../io/atomic.js';
import { readImage, sharpCodec, writeImage } from '../io/codecs/index.js';
import { readPipeline, readTraceFile } from '../io/pipeline-file.js';
import { BOX_FORMATS, readTargets, writeTargets, type BoxFormat } from '../io/targets-json.js';
import { extname } from 'node:path';
import type { Image } from '../targets/image.js';
import { createLabelMap, type LabelMap } from '../targets/mask.js';
import { validateSample, type Sample } from '../targets/sample.js';
import '../transforms/index.js';
import type { CommandContext } from './common.js';

interface ApplyOptions {
  pipeline?: string;
  policy?: string;
  replay?: string;
  image: string;
  targets?: string;
  out: string;
  outTargets?: string;
  seed: number;
  trace?: string;
  exif: 'apply' | 'ignore';
  boxFormat?: BoxFormat;
  extra: string[];
  partner: string[];
  partnerTargets: string[];
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
    .option('--policy <string>', 'append a policy step, e.g. rand-m9-n2 or ta_wide (docs/policies.md); alone, it is the pipeline')
    .option('--replay <trace>', 'trace JSON to replay (exact params, no randomness)')
    .requiredOption('--image <file>', 'input image')
    .option('--targets <file>', 'targets JSON of the image (docs/schemas/targets.schema.json)')
    .requiredOption('--out <file>', 'output image (format from the extension)')
    .option('--out-targets <file>', 'output targets JSON (masks are written beside it)')
    .option('--seed <n>', 'seed of the run', seedArg, 0)
    .option('--trace <file>', 'write the trace of the run here')
    .addOption(new Option('--exif <mode>', 'apply EXIF orientation on read, or read pixels as stored').choices(['apply', 'ignore']).default('apply'))
    .addOption(new Option('--box-format <format>', 'box format of the output targets (default: that of the input)').choices([...BOX_FORMATS]))
    .option('--extra <name=file>', 'an additional image or mask sharing every draw (declared in the pipeline\'s additionalTargets); repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--partner <file>', 'a partner image for mix steps (MixUp, CutMix, Mosaic, ...); repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--partner-targets <file>', "targets JSON of the partner given at the same position; repeatable", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--json', 'print a JSON summary on stdout')
    .action(async (o: ApplyOptions) => {
      const augmenting = o.pipeline !== undefined || o.policy !== undefined;
      if (augmenting === (o.replay !== undefined)) {
        throw new AuguryError({ code: 'usage', message: 'give exactly one of --pipeline and --replay (--policy counts as a pipeline)', key: 'apply', hint: 'augury apply --pipeline p.yaml ... (or --policy rand-m9-n2) to augment, or --replay trace.json ... to reproduce a run' });
      }
      const loaded = await loadInput(o.image, o.targets, o.exif);
      const boxFormat = loaded.boxFormat;
      const pipeline = augmenting ? await pipelineWithPolicy(o.pipeline, o.policy) : undefined;
      const input = await withExtras(loaded.sample, o.extra, pipeline?.config.additionalTargets, o.exif);
      const partners = await partnersFrom(o.partner, o.partnerTargets, o.exif);
      let result: RunResult;
      if (o.replay) {
        const trace = await readTraceFile(o.replay);
        // Replay on the backend the trace names, so the bytes are the recorded run's: the
        // within-1-level kernels differ between backends (docs/throughput.md).
        const recorded = typeof trace === 'object' && trace !== null && !Array.isArray(trace) ? (trace as { backend?: unknown }).backend : undefined;
        const before = getBackend();
        if (recorded === 'ts') setBackend('ts');
        else if (recorded === 'wasm-simd' && backendName() !== 'wasm-simd') {
          if (before === 'ts') setBackend('auto');
          if (backendName() !== 'wasm-simd') ctx.err(`warning: ${o.replay} was recorded with the wasm backend, which did not load here: resampled pixels may differ by 1 level (labels do not)`);
        }
        try {
          result = await replayTrace(input, trace, { codec: sharpCodec, file: o.replay, ...(partners ? { partners } : {}) });
        } finally {
          setBackend(before);
        }
      } else {
        result = await pipeline!.run(input, { stream: { seed: o.seed }, codec: sharpCodec, ...(partners ? { partners } : {}) });
      }
      await writeImage(o.out, result.sample.image);
      await writeExtras(o.out, result.sample);
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

/**
 * The pipeline of `--pipeline` with the `--policy` step appended (or the policy alone). When the
 * pipeline declares a domain, the domain profiles are handed to the policies.
 */
export async function pipelineWithPolicy(file: string | undefined, policy: string | undefined): Promise<Pipeline> {
  let pipeline = file ? await readPipeline(file) : undefined;
  if (policy !== undefined) {
    const base = pipeline ? pipeline.toConfig() : { transforms: [] };
    pipeline = Pipeline.fromConfig({ ...base, transforms: [...(base['transforms'] as unknown[]), { policy }] });
  }
  if (!pipeline) throw new AuguryError({ code: 'usage', message: 'give --pipeline or --policy', key: 'pipeline', hint: 'e.g. --policy rand-m9-n2' });
  if (pipeline.config.domain !== undefined) setPolicyDomainProfiles(await loadDomainProfiles());
  return pipeline;
}

/**
 * Reads `--extra name=file` values: images, or masks when the pipeline declares the name as a
 * mask (in replay mode, without a pipeline, a one-channel PNG named like a mask is read as a mask
 * only when declared; otherwise it is an image).
 */
async function withExtras(s: Sample, extras: readonly string[], declared: Readonly<Record<string, 'image' | 'mask'>> | undefined, exif: 'apply' | 'ignore'): Promise<Sample> {
  if (extras.length === 0) return s;
  const images: Record<string, Image> = {};
  const masks: Record<string, LabelMap> = {};
  for (const e of extras) {
    const eq = e.indexOf('=');
    if (eq <= 0) throw new AuguryError({ code: 'usage', message: 'expected name=file', key: '--extra', received: JSON.stringify(e), hint: 'e.g. --extra right=right.png' });
    const name = e.slice(0, eq);
    const file = e.slice(eq + 1);
    const img = await readImage(file, { exif, file });
    if (declared?.[name] === 'mask') {
      if (img.channels !== 1 || img.dtype === 'float32') throw new AuguryError({ code: 'validation', message: 'a mask must be a one-channel integer image', file, key: `--extra ${name}`, hint: 'save masks as grayscale PNGs of class indices' });
      masks[name] = createLabelMap(img.width, img.height, img.data as Uint8Array | Uint16Array);
    } else {
      images[name] = img;
    }
  }
  return validateSample({ ...s, ...(Object.keys(images).length ? { extraImages: images } : {}), ...(Object.keys(masks).length ? { extraMasks: masks } : {}) });
}

/** Writes each additional output next to `out` as `<stem>.<name><ext>` (masks as PNG). */
async function writeExtras(out: string, s: Sample): Promise<void> {
  const ext = extname(out);
  const stem = out.slice(0, out.length - ext.length);
  for (const [name, img] of Object.entries(s.extraImages ?? {})) await writeImage(`${stem}.${name}${ext}`, img);
  for (const [name, m] of Object.entries(s.extraMasks ?? {})) {
    const data = m.data instanceof Int32Array ? Uint16Array.from(m.data) : m.data;
    await writeImage(`${stem}.${name}.png`, data instanceof Uint8Array ? { width: m.width, height: m.height, channels: 1, dtype: 'uint8', data } : { width: m.width, height: m.height, channels: 1, dtype: 'uint16', data });
  }
}

/** `--partner img [--partner-targets t.json]` pairs, by position, as a partner provider. */
async function partnersFrom(images: readonly string[], targets: readonly string[], exif: 'apply' | 'ignore'): Promise<PartnerProvider | undefined> {
  if (targets.length > images.length) {
    throw new AuguryError({ code: 'usage', message: 'more --partner-targets than --partner images', key: '--partner-targets', hint: 'give each --partner-targets right after its --partner image' });
  }
  if (images.length === 0) return undefined;
  const items = [];
  for (const [i, image] of images.entries()) items.push({ id: image, sample: (await loadInput(image, targets[i], exif)).sample });
  return listPartners(items);
}
