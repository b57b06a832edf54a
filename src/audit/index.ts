/** The label-fidelity audit (docs/audit.md). */
export { runAudit, auditSample, auditJson, prefixPipeline, type AuditOptions, type AuditResult, type AuditRun, type AuditedStep, type MethodResult, type StepSummary, type WorstCase, type WorstDrawing } from './run.js';
export { ObjectTable, SampleCache, auditProvider, OBJECT_FIELD, type AuditObject, type AuditDraw } from './objects.js';
export { scoreSample, summarize, iou, type BoxScore, type SampleScore, type Summary, type Box4 } from './score.js';
export { drawScales } from './scale.js';
export { auditHtml, drawWorst } from './report-html.js';
