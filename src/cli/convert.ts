/** `augury convert <in> <out> --to coco|yolo|voc|folder`. */
import { Option, type Command } from 'commander';
import { writeDataset } from '../io/datasets/convert.js';
import type { DatasetFormat } from '../io/datasets/model.js';
import type { YoloKind } from '../io/datasets/yolo/index.js';
import { openDataset } from '../io/datasets/open.js';
import { RunReport } from '../io/datasets/report.js';
import { addDatasetOptions, exitCode, openOptions, progress, reportJson, reportLines, type CommandContext, type DatasetCliOptions } from './common.js';

interface ConvertCliOptions extends DatasetCliOptions {
  to: DatasetFormat;
  overwrite?: boolean;
  yoloKind?: YoloKind;
}

export function registerConvert(program: Command, ctx: CommandContext): void {
  addDatasetOptions(
    program
      .command('convert')
      .description('convert a dataset to COCO, YOLO, Pascal VOC or class folders; the summary lists what the target cannot hold')
      .argument('<in>', 'input dataset')
      .argument('<out>', 'output folder (created; must be empty unless --overwrite)')
      .addOption(new Option('--to <format>', 'output format').choices(['coco', 'yolo', 'voc', 'folder']).makeOptionMandatory())
      .addOption(new Option('--yolo-kind <kind>', 'YOLO label kind (default: pose when every object has keypoints, else segment when any has a polygon, else detect)').choices(['detect', 'segment', 'pose']))
      .option('--overwrite', 'write into a folder that already has files'),
  ).action(async (input: string, output: string, o: ConvertCliOptions) => {
    const report = new RunReport(o.onError);
    const check = progress('checking images');
    const index = await openDataset(input, { ...openOptions(o, report), onProgress: check.update });
    check.stop();
    const write = progress('writing');
    const result = await writeDataset(index, output, o.to, {
      report,
      exif: o.exif,
      ...(o.maxPixels !== undefined ? { maxPixels: o.maxPixels } : {}),
      ...(o.overwrite ? { overwrite: true } : {}),
      ...(o.yoloKind ? { yoloKind: o.yoloKind } : {}),
      onProgress: write.update,
    });
    write.stop();
    const annotations = index.records.reduce((n, r) => n + r.annotations.length, 0);
    const summary = { input, output, from: index.format, to: o.to, images: index.records.length, annotations, files: result.files.length };
    if (o.json) {
      ctx.out(JSON.stringify({ ...summary, report: reportJson(report) }, null, 2));
    } else {
      const lines = [
        `converted ${input} (${index.format}) -> ${output} (${o.to})`,
        `  ${summary.images} images, ${annotations} annotations, ${summary.files} files written`,
      ];
      const losses = report.summary().filter((g) => g.kind === 'dropped-field');
      lines.push(losses.length === 0 ? `  nothing lost: ${o.to} holds every field of this dataset` : `  ${o.to} cannot hold:`);
      for (const g of losses) lines.push(`    - ${g.examples[0] ?? g.reason}`);
      const rest = reportLines(report).filter((l) => !l.startsWith('dropped-field'));
      if (report.count('skipped') + report.count('clipped') + report.count('warning') > 0) lines.push('  report', ...rest.map((l) => `    ${l}`));
      ctx.out(lines.join('\n'));
    }
    ctx.setExitCode(exitCode(report, o.strict));
  });
}
