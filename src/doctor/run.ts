/**
 * The doctor over texts the caller has read (the CLI reads files; a browser page could pass
 * editor contents). Each input that cannot be read becomes an error finding, and the doctor
 * still runs every rule whose inputs it has.
 */
import { isAuguryError } from '../core/errors.js';
import type { Task } from '../core/config.js';
import type { DomainProfile } from '../domains/profile.js';
import { calibration as measure, checkCalibration, parsePredictions, type Calibration } from './calibration.js';
import { checkConfig } from './config-rules.js';
import type { DataFacts } from './context.js';
import { finding, sortFindings, type Finding } from './findings.js';
import { parseLogRecords } from './logs/records.js';
import { checkCurves } from './logs/rules.js';
import { logSeries, type TrainingLog } from './logs/series.js';
import { readDoctorPipeline, type DoctorPipeline } from './steps.js';
import { parseTrainConfig, type TrainConfig } from './train-config.js';

/** A text and the name it is reported under. */
export interface NamedText {
  readonly text: string;
  readonly file: string;
}

export interface DoctorInput {
  readonly pipeline?: NamedText;
  readonly train?: NamedText;
  readonly task?: Task;
  readonly domain?: string;
  readonly profiles?: ReadonlyMap<string, DomainProfile>;
  readonly data?: DataFacts;
  readonly log?: NamedText;
  readonly baseline?: NamedText;
  readonly predictions?: NamedText;
  /** `--columns`: canonical name -> column in the logs. */
  readonly columns?: Readonly<Record<string, string>>;
}

export interface DoctorResult {
  /** Sorted: errors, warnings, info. */
  readonly findings: readonly Finding[];
  readonly pipeline?: DoctorPipeline;
  readonly train?: TrainConfig;
  readonly log?: TrainingLog;
  readonly baseline?: TrainingLog;
  readonly calibration?: Calibration;
}

function readLog(t: NamedText, columns: Readonly<Record<string, string>>, findings: Finding[]): TrainingLog | undefined {
  try {
    const r = logSeries(parseLogRecords(t.text, t.file), t.file, columns);
    findings.push(...r.findings);
    findings.push(finding('log.summary', 'info', `${t.file}: format ${r.log.format}, ${r.log.epochs.length} epochs, series ${Object.entries(r.log.sources).map(([k, v]) => `${k} <- ${v}`).join(', ') || 'none'}`, { file: t.file, format: r.log.format, epochs: r.log.epochs.length, sources: r.log.sources }));
    return r.log;
  } catch (e) {
    if (!isAuguryError(e)) throw e;
    findings.push(finding('input.unreadable', 'error', e.message, { file: t.file, ...(e.record ? { record: e.record } : {}) }, e.hint ?? 'check the file'));
    return undefined;
  }
}

/** Runs every rule the inputs allow. */
export function runDoctor(input: DoctorInput): DoctorResult {
  const findings: Finding[] = [];
  let pipeline: DoctorPipeline | undefined;
  let train: TrainConfig | undefined;
  if (input.pipeline) {
    const r = readDoctorPipeline(input.pipeline.text, input.pipeline.file);
    pipeline = r.pipeline;
    findings.push(...r.findings);
  }
  if (input.train) {
    const r = parseTrainConfig(input.train.text, input.train.file);
    train = r.config;
    findings.push(...r.findings);
  }
  if (input.pipeline || input.train) {
    const task = input.task ?? pipeline?.task;
    const domain = input.domain ?? pipeline?.domain;
    findings.push(
      ...checkConfig({
        ...(pipeline ? { pipeline } : {}),
        ...(train ? { train } : {}),
        ...(task ? { task } : {}),
        ...(domain ? { domain } : {}),
        ...(input.profiles ? { profiles: input.profiles } : {}),
        ...(input.data ? { data: input.data } : {}),
      }),
    );
  }
  const columns = input.columns ?? {};
  const log = input.log ? readLog(input.log, columns, findings) : undefined;
  const baseline = input.baseline ? readLog(input.baseline, columns, findings) : undefined;
  if (log) findings.push(...checkCurves(log, baseline));
  let cal: Calibration | undefined;
  if (input.predictions) {
    const r = parsePredictions(input.predictions.text, input.predictions.file);
    findings.push(...r.findings);
    if (r.predictions.length > 0) {
      cal = measure(r.predictions);
      findings.push(...checkCalibration(cal, input.predictions.file));
    }
  }
  return {
    findings: sortFindings(findings),
    ...(pipeline ? { pipeline } : {}),
    ...(train ? { train } : {}),
    ...(log ? { log } : {}),
    ...(baseline ? { baseline } : {}),
    ...(cal ? { calibration: cal } : {}),
  };
}
