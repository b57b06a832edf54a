/** `augury audit`: the label-fidelity audit (docs/audit.md). */
import type { Command } from 'commander';
import { Option } from 'commander';
import { auditHtml, auditJson, runAudit } from '../audit/index.js';
import { AuguryError } from '../core/errors.js';
import type { BoxMethod } from '../geometry/boxes.js';
import { writeFileAtomic } from '../io/atomic.js';
import { openDataset } from '../io/datasets/open.js';
import { RunReport } from '../io/datasets/report.js';
import { readPipeline } from '../io/pipeline-file.js';
import type { Summary } from '../audit/score.js';
import '../transforms/index.js';
import { EXIT, reportLines, type CommandContext } from './common.js';

interface AuditCliOptions {
  pipeline: string;
  data: string;
  samples?: number;
  seed?: number;
  compare?: 'naive-mixup';
  minIou?: number;
  boxMethod?: BoxMethod;
  json?: boolean;
  report?: string;
}

function wholeNumber(name: string, min: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new AuguryError({ code: 'usage', message: `expected a whole number >= ${min}`, key: name, received: JSON.stringify(v), hint: `pass ${name} <n>` });
    return n;
  };
}

function share(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new AuguryError({ code: 'usage', message: 'expected a number from 0 to 1', key: '--min-iou', received: JSON.stringify(v), hint: 'e.g. --min-iou 0.98' });
  return n;
}

function line(name: string, s: Summary): string {
  return `${name.padEnd(28)} mean IoU ${s.meanIoU.toFixed(4)}  under 0.5: ${(s.shareBelow05 * 100).toFixed(1)}%  lost ${s.lost}  under minVisibility ${s.underMinVisibility}  (${s.boxes} boxes)`;
}

export function registerAudit(program: Command, ctx: CommandContext): void {
  program
    .command('audit')
    .description('measure how well a pipeline\'s output boxes match the pixels of their objects (label fidelity)')
    .requiredOption('--pipeline <file>', 'pipeline YAML or JSON')
    .requiredOption('--data <path>', 'dataset with instance masks or polygons (COCO segmentation)')
    .option('--samples <n>', 'audit the first N records (default all)', wholeNumber('--samples', 1))
    .option('--seed <n>', 'seed (default the pipeline\'s, else 0)', wholeNumber('--seed', 0))
    .addOption(new Option('--compare <baseline>', 'also score a naive implementation on the same data').choices(['naive-mixup']))
    .option('--min-iou <x>', 'exit 1 when the overall mean IoU is below x', share)
    .addOption(new Option('--box-method <method>', 'override the pipeline\'s box method').choices(['mask', 'corners', 'ellipse']))
    .option('--json', 'print one JSON document on stdout')
    .option('--report <file>', 'write a standalone HTML report with the worst boxes drawn')
    .action(async (o: AuditCliOptions) => {
      const pipeline = await readPipeline(o.pipeline);
      const report = new RunReport('skip');
      const index = await openDataset(o.data, { report });
      for (const l of reportLines(report)) ctx.err(l);
      const { result, drawings } = await runAudit(pipeline, index, {
        ...(o.samples !== undefined ? { samples: o.samples } : {}),
        ...(o.seed !== undefined ? { seed: o.seed } : {}),
        ...(o.compare ? { compare: o.compare } : {}),
        ...(o.boxMethod ? { boxMethod: o.boxMethod } : {}),
      });
      if (o.report) {
        await writeFileAtomic(o.report, await auditHtml(result, drawings, `augury audit: ${o.pipeline} on ${o.data}`));
        ctx.err(`wrote ${o.report}`);
      }
      if (o.json) ctx.out(JSON.stringify(auditJson(result)));
      else {
        ctx.out(line(`overall (${result.method})`, result.overall));
        for (const s of result.perStep) ctx.out(line(`  after ${s.step + 1}: ${s.name}`, s));
        if (result.compare) ctx.out(line(`${result.compare.method} (baseline)`, result.compare.overall));
      }
      if (o.minIou !== undefined && result.overall.meanIoU < o.minIou) {
        ctx.err(`augury audit: mean IoU ${result.overall.meanIoU.toFixed(4)} is below --min-iou ${o.minIou}`);
        ctx.setExitCode(EXIT.warnings);
      }
    });
}
