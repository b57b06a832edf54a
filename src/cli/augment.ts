/**
 * `augury augment --pipeline p.yaml --data <dataset> --out <dir> [--copies N] [--seed S] [--workers N]`
 * Streams a dataset through a pipeline and writes it back in the same format, with traces and a
 * manifest; reruns resume.
 */
import { Option, type Command } from 'commander';
import { AuguryError } from '../core/errors.js';
import { augmentDataset } from '../io/augment.js';
import type { ImageFormat } from '../io/codecs/index.js';
import { RunReport } from '../io/datasets/report.js';
import type { YoloKind } from '../io/datasets/yolo/index.js';
import { loadDomainProfiles } from '../io/domains.js';
import { readPipeline } from '../io/pipeline-file.js';
import { setPolicyDomainProfiles } from '../policies/domain.js';
import '../transforms/index.js';
import { addDatasetOptions, exitCode, openOptions, progress, reportJson, reportLines, type CommandContext, type DatasetCliOptions } from './common.js';

interface AugmentCliOptions extends DatasetCliOptions {
  pipeline: string;
  data: string;
  out: string;
  copies: number;
  seed: number;
  epoch: number;
  workers: number;
  restart?: boolean;
  imageFormat?: ImageFormat;
  yoloKind?: YoloKind;
}

function whole(name: string, min: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new AuguryError({ code: 'usage', message: `expected a whole number >= ${min}`, key: name, received: JSON.stringify(v) });
    return n;
  };
}

export function registerAugment(program: Command, ctx: CommandContext, version: string): void {
  addDatasetOptions(
    program
      .command('augment')
      .description('augment a dataset and write it in its own format, with one trace per output and a resumable manifest')
      .requiredOption('--pipeline <file>', 'pipeline YAML or JSON')
      .requiredOption('--data <dataset>', 'input dataset (any form augury info accepts)')
      .requiredOption('--out <dir>', 'output folder')
      .option('--copies <n>', 'augmented copies per image', whole('--copies', 1), 1)
      .option('--seed <n>', 'seed of the run', whole('--seed', 0), 0)
      .option('--epoch <n>', 'epoch number (part of every stream)', whole('--epoch', 0), 0)
      .option('--workers <n>', 'images processed at once; the output does not depend on it', whole('--workers', 1), 1)
      .option('--restart', 'discard a previous run with another manifest in --out and start over')
      .addOption(new Option('--image-format <format>', 'output image format (default: the input file type)').choices(['jpeg', 'png', 'webp', 'tiff']))
      .addOption(new Option('--yolo-kind <kind>', 'YOLO label kind of the output').choices(['detect', 'segment', 'pose'])),
  ).action(async (o: AugmentCliOptions) => {
    const report = new RunReport(o.onError);
    const pipeline = await readPipeline(o.pipeline);
    // Policies drop the ops a declared domain forbids; they get the profiles from here (src/ stays portable).
    if (pipeline.config.domain !== undefined) setPolicyDomainProfiles(await loadDomainProfiles());
    const bar = progress('augmenting');
    const r = await augmentDataset({
      pipeline,
      input: o.data,
      outDir: o.out,
      copies: o.copies,
      seed: o.seed,
      epoch: o.epoch,
      workers: o.workers,
      open: openOptions(o, report),
      report,
      version,
      ...(o.restart ? { restart: true } : {}),
      ...(o.imageFormat ? { imageFormat: o.imageFormat } : {}),
      ...(o.yoloKind ? { yoloKind: o.yoloKind } : {}),
      onProgress: bar.update,
    });
    bar.stop();
    if (o.json) {
      ctx.out(JSON.stringify({ out: o.out, outputs: r.outputs, resumed: r.resumed, files: r.files, configHash: r.manifest.configHash, report: reportJson(report) }, null, 2));
    } else {
      const lines = [`augmented ${o.data} -> ${o.out}: ${r.outputs} outputs (${r.manifest.copies} per image, seed ${r.manifest.seed})${r.resumed > 0 ? `, ${r.resumed} reused from an earlier run` : ''}`];
      lines.push(`  traces in ${o.out}/traces.jsonl, manifest in ${o.out}/augury.manifest.json`);
      const rest = reportLines(report);
      if (rest.length > 0) lines.push('  report', ...rest.map((l) => `    ${l}`));
      ctx.out(lines.join('\n'));
    }
    ctx.setExitCode(exitCode(report, o.strict));
  });
}
