/**
 * Findings: what the doctor reports. One shape for every rule, printed as JSON with `--json`,
 * as a table otherwise, and drawn into the HTML report.
 */

export type Severity = 'info' | 'warning' | 'error';

export interface Finding {
  /** Stable id, listed in docs/rules.md (`budget.mixup-randaugment`, `curve.train-below-val`). */
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** The numbers and names the finding rests on, JSON-ready. */
  readonly evidence: Readonly<Record<string, unknown>>;
  /** What to change; empty when there is nothing to change (info). */
  readonly fix: string;
}

/** Builds a finding; `fix` defaults to ''. */
export function finding(ruleId: string, severity: Severity, message: string, evidence: Record<string, unknown> = {}, fix = ''): Finding {
  return { ruleId, severity, message, evidence, fix };
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then info; stable within a severity. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings.map((f, i) => ({ f, i })).sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i).map((x) => x.f);
}

/**
 * Exit code as DESIGN.md says: info never changes it; warnings give 1 only when strict; any
 * error finding (unreadable input is reported as one) gives 2.
 */
export function doctorExitCode(findings: readonly Finding[], strict: boolean): 0 | 1 | 2 {
  if (findings.some((f) => f.severity === 'error')) return 2;
  if (strict && findings.some((f) => f.severity === 'warning')) return 1;
  return 0;
}

/** A number rounded for messages: at most `digits` decimals, no trailing zeros. */
export function round(v: number, digits = 2): number {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
}
