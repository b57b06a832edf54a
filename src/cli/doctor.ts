/** `augury doctor`: config rules before a run, curve and calibration rules after it. */
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import '../transforms/index.js';
import { AuguryError, isAuguryError } from '../core/errors.js';
import { TASKS, type Task } from '../core/config.js';
import { doctorExitCode, finding, sortFindings, type Finding } from '../doctor/findings.js';
import type { DataFacts, ThroughputMeasurement } from '../doctor/context.js';
import { pipelineFromText } from '../core/config-text.js';
import { availableParallelism } from 'node:os';
import { measurePool } from '../perf/suite.js';
import { profilePipeline } from '../perf/profile.js';
import { openSource } from '../pipeline/source.js';
import { parseColumnMap } from '../doctor/logs/series.js';
import { renderReport } from '../doctor/report-html.js';
import { runDoctor, type DoctorInput, type NamedText } from '../doctor/run.js';
import { writeFileAtomic } from '../io/atomic.js';
import { readDataset } from '../io/datasets/open.js';
import { RunReport } from '../io/datasets/report.js';
import { loadDomainProfiles } from '../io/domains.js';
import type { CommandContext } from './common.js';
import { table } from './table.js';

interface DoctorOptions {
  pipeline?: string;
  train?: string;
  task?: Task;
  domain?: string;
  profile?: string[];
  data?: string;
  log?: string;
  baseline?: string;
  predictions?: string;
  columns?: string;
  json?: boolean;
  report?: string;
  strict?: boolean;
}

async function readNamed(path: string | undefined, what: string, unreadable: Finding[]): Promise<NamedText | undefined> {
  if (path === undefined) return undefined;
  try {
    return { text: await readFile(path, 'utf8'), file: path };
  } catch (e) {
    unreadable.push(finding('input.unreadable', 'error', `${path}: cannot read the ${what}: ${(e as Error).message}`, { file: path }, `check the path given for the ${what}`));
    return undefined;
  }
}

/** What the dataset says about flip pairs and shapes (for the keypoint and box rules). */
async function dataFacts(path: string, unreadable: Finding[]): Promise<DataFacts | undefined> {
  try {
    const index = await readDataset(path, { report: new RunReport('skip') });
    const shapes = index.records.some((r) => r.annotations.some((a) => (a.polygons?.length ?? 0) > 0 || a.rle !== undefined));
    return { flipPairs: (index.keypoints?.flipIndex?.length ?? 0) > 0, masksOrPolygons: shapes };
  } catch (e) {
    unreadable.push(finding('input.unreadable', 'error', isAuguryError(e) ? e.message : `${path}: ${(e as Error).message}`, { file: path }, 'check --data: a COCO json or folder, a YOLO data.yaml or folder, a VOC folder'));
    return undefined;
  }
}

/**
 * Times the pipeline on a few samples of the dataset (the profiler behind `augury profile`).
 * A pipeline or dataset that cannot run gives no measurement: other rules report why.
 */
async function measureThroughput(pipelineText: string, dataset: string): Promise<ThroughputMeasurement | undefined> {
  try {
    const pipeline = pipelineFromText(pipelineText);
    const profile = await profilePipeline(pipeline, await openSource({ kind: 'dataset', path: dataset }), { budgetMs: 2000 });
    const pool = await measurePool(dataset, pipeline.toConfig() as Record<string, unknown>, availableParallelism(), 1500);
    return { imagesPerSecPerCore: profile.imagesPerSecPerCore, steps: profile.steps.map((st) => ({ name: st.name, ms: st.ms, share: st.share })), pool };
  } catch (e) {
    if (isAuguryError(e)) return undefined;
    throw e;
  }
}

/** Findings as an aligned table, then the fixes by number. */
export function renderFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'no findings';
  const t = table(['#', 'severity', 'rule', 'message'], findings.map((f, i) => [String(i + 1), f.severity, f.ruleId, f.message]));
  const fixes = findings.flatMap((f, i) => (f.fix ? [`  ${i + 1}. ${f.fix}`] : []));
  const count = (s: string): number => findings.filter((f) => f.severity === s).length;
  return [t, ...(fixes.length > 0 ? ['', 'fixes', ...fixes] : []), '', `${count('error')} errors, ${count('warning')} warnings, ${count('info')} info`].join('\n');
}

export function registerDoctor(program: Command, ctx: CommandContext): void {
  program
    .command('doctor')
    .description('catch over-regularization, label-semantics and domain mistakes in a pipeline before training, and read training logs and predictions after it')
    .option('--pipeline <file>', 'pipeline config (YAML or JSON)')
    .option('--train <file>', 'train.yaml: labelSmoothing, mixup, cutmix, epochs, ... (docs/rules.md, section train.yaml)')
    .addOption(new Option('--task <task>', 'the task (default: the pipeline\'s task:)').choices([...TASKS]))
    .option('--domain <id>', 'domain profile to check against (default: the pipeline\'s domain:)')
    .option('--profile <file...>', 'extra domain profile YAML files')
    .option('--data <dataset>', 'dataset to read keypoint flip pairs and polygons/masks from, and to time the pipeline on (throughput rule, with train.yaml gpuRate and cores)')
    .option('--log <file>', 'training log: Keras, Lightning or Ultralytics CSV, plain CSV or JSONL')
    .option('--baseline <file>', 'log of a baseline run, for the convergence rule')
    .option('--predictions <file>', 'JSONL of {"probs": [...], "label": k} for calibration')
    .option('--columns <map>', 'map log columns: train_acc=col,val_acc=col,train_loss=col,val_loss=col,epoch=col')
    .option('--json', 'print {"findings": [...]} on stdout')
    .option('--report <file>', 'write an HTML report with the curves and the reliability diagram')
    .option('--strict', 'exit 1 when there are warnings')
    .action(async (o: DoctorOptions) => {
      if (!o.pipeline && !o.train && !o.log && !o.predictions) {
        throw new AuguryError({ code: 'usage', message: 'nothing to check', key: 'doctor', hint: 'give --pipeline and/or --train before a run, --log and/or --predictions after it' });
      }
      const unreadable: Finding[] = [];
      const [pipeline, train, log, baseline, predictions] = await Promise.all([
        readNamed(o.pipeline, 'pipeline', unreadable),
        readNamed(o.train, 'train config', unreadable),
        readNamed(o.log, 'training log', unreadable),
        readNamed(o.baseline, 'baseline log', unreadable),
        readNamed(o.predictions, 'predictions', unreadable),
      ]);
      let profiles;
      try {
        profiles = await loadDomainProfiles(o.profile ?? []);
      } catch (e) {
        if (!isAuguryError(e)) throw e;
        unreadable.push(finding('input.unreadable', 'error', e.message, { file: e.file ?? null }, e.hint ?? 'check the profile file'));
      }
      const facts = o.data ? await dataFacts(o.data, unreadable) : undefined;
      // The throughput rule needs the pipeline timed on the data; only worth it when train.yaml gives a GPU rate.
      const throughput = o.data && pipeline && train && /\bgpuRate\s*:/.test(train.text) ? await measureThroughput(pipeline.text, o.data) : undefined;
      const data = facts ? { ...facts, ...(throughput ? { throughput } : {}) } : undefined;
      const input: DoctorInput = {
        ...(pipeline ? { pipeline } : {}),
        ...(train ? { train } : {}),
        ...(o.task ? { task: o.task } : {}),
        ...(o.domain ? { domain: o.domain } : {}),
        ...(profiles ? { profiles } : {}),
        ...(data ? { data } : {}),
        ...(log ? { log } : {}),
        ...(baseline ? { baseline } : {}),
        ...(predictions ? { predictions } : {}),
        ...(o.columns ? { columns: parseColumnMap(o.columns) } : {}),
      };
      const result = runDoctor(input);
      const findings = sortFindings([...unreadable, ...result.findings]);
      if (o.report) {
        const inputs = [o.pipeline, o.train, o.log, o.baseline, o.predictions].filter((x): x is string => x !== undefined);
        await writeFileAtomic(o.report, renderReport({ findings, ...(result.log ? { log: result.log } : {}), ...(result.baseline ? { baseline: result.baseline } : {}), ...(result.calibration ? { calibration: result.calibration } : {}), inputs }));
        ctx.err(`report written to ${o.report}`);
      }
      if (o.json) ctx.out(JSON.stringify({ findings }, null, 2));
      else ctx.out(renderFindings(findings));
      ctx.setExitCode(doctorExitCode(findings, o.strict === true));
    });
}
