/** augury doctor: config rules, training-curve rules, calibration, findings and the HTML report. */
export { runDoctor, type DoctorInput, type DoctorResult, type NamedText } from './run.js';
export { finding, sortFindings, doctorExitCode, type Finding, type Severity } from './findings.js';
export { checkConfig } from './config-rules.js';
export type { ConfigContext, DataFacts } from './context.js';
export { readDoctorPipeline, doctorPipelineFromData, type DoctorPipeline, type DoctorStep } from './steps.js';
export { parseTrainConfig, trainConfigSchema, type TrainConfig } from './train-config.js';
export { budgetTerms, budgetScore, weakerSetting, magnitudeFraction, comparableMagnitude, BUDGET, type BudgetTerm } from './rules/budget.js';
export { boxInflation } from './rules/label.js';
export { parseLogRecords } from './logs/records.js';
export { logSeries, parseColumnMap, ALIASES, type TrainingLog, type LogFormat, type Series } from './logs/series.js';
export { checkCurves, slope } from './logs/rules.js';
export { parsePredictions, calibration, checkCalibration, ECE_BINS, ECE_THRESHOLD, type Calibration, type ReliabilityBin, type Prediction } from './calibration.js';
export { renderReport, type ReportInput } from './report-html.js';
