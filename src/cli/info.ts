/** `augury info <dataset>`: counts, classes, image sizes and box-size histograms. */
import type { Command } from 'commander';
import { openDataset } from '../io/datasets/open.js';
import { RunReport } from '../io/datasets/report.js';
import { datasetStats, type DatasetStats } from '../io/datasets/stats.js';
import { addDatasetOptions, exitCode, openOptions, progress, reportJson, reportLines, type CommandContext, type DatasetCliOptions } from './common.js';
import { bar, table } from './table.js';

export function registerInfo(program: Command, ctx: CommandContext): void {
  addDatasetOptions(
    program
      .command('info')
      .description('print counts, classes, image sizes and box-size histograms of a dataset')
      .argument('<dataset>', 'COCO json or folder, YOLO data.yaml or folder, VOC folder, or class-folder root'),
  ).action(async (dataset: string, o: DatasetCliOptions) => {
    const report = new RunReport(o.onError);
    const bar = progress('checking images');
    const index = await openDataset(dataset, { ...openOptions(o, report), onProgress: bar.update });
    bar.stop();
    const stats = datasetStats(index);
    if (o.json) ctx.out(JSON.stringify({ dataset, ...stats, report: reportJson(report) }, null, 2));
    else ctx.out(renderInfo(dataset, stats, reportLines(report)));
    ctx.setExitCode(exitCode(report, o.strict));
  });
}

export function renderInfo(dataset: string, s: DatasetStats, reportText: string[]): string {
  const parts: string[] = [];
  parts.push(`dataset   ${dataset} (${s.format}, ${s.task})`);
  parts.push(
    s.task === 'detection'
      ? `images    ${s.images}   annotations ${s.annotations}   images without annotations ${s.imagesWithoutAnnotations}`
      : `images    ${s.images}`,
  );
  parts.push('', 'classes', table(['id', 'name', s.task === 'detection' ? 'annotations' : 'images', 'images with it'], s.classes.map((c) => [c.id, c.name, c.count, c.images])));
  if (s.imageSizes) {
    const z = s.imageSizes;
    parts.push(
      '',
      `image sizes: ${z.distinct} distinct, width ${z.minWidth}..${z.maxWidth}, height ${z.minHeight}..${z.maxHeight}`,
      `  most common: ${z.common.map((c) => `${c.size} (${c.count})`).join(', ')}`,
    );
  }
  if (s.task === 'detection') {
    const k = s.annotationKinds;
    parts.push('', `annotations: ${k.boxes} boxes, ${k.polygons} with polygons, ${k.rle} with RLE masks, ${k.keypoints} with keypoints, ${k.crowd} crowd`);
    const max = Math.max(...s.boxSizes.map((b) => b.count));
    parts.push(
      '',
      'box size, sqrt(area) in px',
      table(['px', 'boxes', ''], s.boxSizes.map((b) => [b.to === null ? `${b.from}+` : `${b.from}-${b.to}`, b.count, bar(b.count, max)])),
    );
    const amax = Math.max(...s.aspectRatios.map((b) => b.count));
    parts.push(
      '',
      'box aspect ratio, width / height',
      table(['w/h', 'boxes', ''], s.aspectRatios.map((b) => [b.to === null ? `${ratio(b.from)}+` : `${ratio(b.from)}-${ratio(b.to)}`, b.count, bar(b.count, amax)])),
    );
    parts.push('', `COCO size classes: small ${s.cocoSizes.small}, medium ${s.cocoSizes.medium}, large ${s.cocoSizes.large}`);
  }
  if (reportText.length > 0) parts.push('', 'report', ...reportText.map((l) => `  ${l}`));
  return parts.join('\n');
}

function ratio(v: number): string {
  return v === 0 ? '0' : v >= 1 ? String(v) : `1/${Math.round(1 / v)}`;
}
