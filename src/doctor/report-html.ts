/**
 * The doctor's HTML report: findings, the training curves (one marker per epoch) and the
 * reliability diagram, as one self-contained page with inline SVG. No scripts, no network: the
 * page's content security policy forbids every fetch.
 */
import type { Calibration } from './calibration.js';
import type { Finding } from './findings.js';
import type { Series, TrainingLog } from './logs/series.js';

export interface ReportInput {
  readonly findings: readonly Finding[];
  readonly log?: TrainingLog;
  readonly baseline?: TrainingLog;
  readonly calibration?: Calibration;
  /** Shown in the title (file names the doctor read). */
  readonly inputs?: readonly string[];
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const fx = (v: number): string => (Math.round(v * 100) / 100).toString();

const COLORS: Record<Series, string> = { train_acc: '#1f77b4', val_acc: '#d62728', train_loss: '#1f77b4', val_loss: '#d62728', val_map: '#2ca02c', val_map50: '#9467bd' };

interface Line {
  readonly series: Series;
  readonly log: 'run' | 'baseline';
  readonly points: readonly { epoch: number; value: number }[];
}

function lines(log: TrainingLog, which: readonly Series[], role: 'run' | 'baseline'): Line[] {
  const out: Line[] = [];
  for (const s of which) {
    const vals = log.series[s];
    if (!vals) continue;
    const points = log.epochs.flatMap((epoch, i) => (vals[i] === null || vals[i] === undefined ? [] : [{ epoch, value: vals[i]! }]));
    if (points.length > 0) out.push({ series: s, log: role, points });
  }
  return out;
}

function chart(title: string, data: readonly Line[]): string {
  const W = 640;
  const H = 300;
  const m = { l: 56, r: 130, t: 28, b: 40 };
  const all = data.flatMap((d) => d.points);
  const x0 = Math.min(...all.map((p) => p.epoch));
  const x1 = Math.max(...all.map((p) => p.epoch));
  let y0 = Math.min(...all.map((p) => p.value));
  let y1 = Math.max(...all.map((p) => p.value));
  if (y1 - y0 < 1e-9) {
    y0 -= 0.5;
    y1 += 0.5;
  }
  const pad = (y1 - y0) * 0.05;
  y0 -= pad;
  y1 += pad;
  const sx = (e: number): number => m.l + (x1 === x0 ? (W - m.l - m.r) / 2 : ((e - x0) / (x1 - x0)) * (W - m.l - m.r));
  const sy = (v: number): number => H - m.b - ((v - y0) / (y1 - y0)) * (H - m.t - m.b);
  const parts: string[] = [];
  parts.push(`<svg class="chart" role="img" aria-label="${esc(title)}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg">`);
  parts.push(`<text x="${m.l}" y="18" class="title">${esc(title)}</text>`);
  parts.push(`<line x1="${m.l}" y1="${H - m.b}" x2="${W - m.r}" y2="${H - m.b}" class="axis"/><line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${H - m.b}" class="axis"/>`);
  for (let i = 0; i <= 4; i++) {
    const v = y0 + ((y1 - y0) * i) / 4;
    parts.push(`<text x="${m.l - 6}" y="${fx(sy(v) + 4)}" text-anchor="end" class="tick">${esc(v.toPrecision(3))}</text>`);
  }
  parts.push(`<text x="${fx(sx(x0))}" y="${H - m.b + 16}" text-anchor="middle" class="tick">${x0}</text><text x="${fx(sx(x1))}" y="${H - m.b + 16}" text-anchor="middle" class="tick">${x1}</text>`);
  parts.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 6}" text-anchor="middle" class="tick">epoch</text>`);
  data.forEach((d, k) => {
    const color = COLORS[d.series];
    const dash = d.log === 'baseline' ? ' stroke-dasharray="5 4"' : '';
    const pts = d.points.map((p) => `${fx(sx(p.epoch))},${fx(sy(p.value))}`).join(' ');
    parts.push(`<g class="series" data-series="${d.series}" data-log="${d.log}">`);
    parts.push(`<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="1.5"${dash}/>`);
    for (const p of d.points) {
      parts.push(`<circle class="point" data-series="${d.series}" data-log="${d.log}" data-epoch="${p.epoch}" data-value="${p.value}" cx="${fx(sx(p.epoch))}" cy="${fx(sy(p.value))}" r="3" fill="${d.log === 'baseline' ? 'white' : color}" stroke="${color}"><title>${d.log} ${d.series} epoch ${p.epoch}: ${p.value}</title></circle>`);
    }
    parts.push(`</g>`);
    parts.push(`<text x="${W - m.r + 10}" y="${m.t + 14 + k * 16}" class="legend" fill="${color}">${d.log === 'baseline' ? 'baseline ' : ''}${d.series}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

function reliability(c: Calibration): string {
  const S = 360;
  const m = { l: 48, r: 16, t: 28, b: 40 };
  const w = S - m.l - m.r;
  const h = S - m.t - m.b;
  const bw = w / c.bins.length;
  const parts: string[] = [];
  parts.push(`<svg id="reliability" class="chart" role="img" aria-label="reliability diagram" width="${S}" height="${S}" viewBox="0 0 ${S} ${S}" xmlns="http://www.w3.org/2000/svg">`);
  parts.push(`<text x="${m.l}" y="18" class="title">reliability: ECE ${c.ece.toFixed(4)}, n = ${c.count}</text>`);
  c.bins.forEach((b, i) => {
    const x = m.l + i * bw;
    const ah = b.accuracy * h;
    const ch = b.confidence * h;
    parts.push(`<rect class="bin" data-bin="${i}" data-count="${b.count}" data-accuracy="${b.accuracy}" data-confidence="${b.confidence}" x="${fx(x + 1)}" y="${fx(m.t + h - ah)}" width="${fx(bw - 2)}" height="${fx(ah)}" fill="#1f77b4"><title>confidence ${b.lower.toFixed(3)}-${b.upper.toFixed(3)}: ${b.count} predictions, accuracy ${b.accuracy.toFixed(3)}, mean confidence ${b.confidence.toFixed(3)}</title></rect>`);
    if (b.count > 0) parts.push(`<rect class="gap" data-bin="${i}" x="${fx(x + 1)}" y="${fx(m.t + h - Math.max(ah, ch))}" width="${fx(bw - 2)}" height="${fx(Math.abs(ah - ch))}" fill="#d62728" fill-opacity="0.3"/>`);
  });
  parts.push(`<line x1="${m.l}" y1="${m.t + h}" x2="${m.l + w}" y2="${m.t}" stroke="#555" stroke-dasharray="4 3"/>`);
  parts.push(`<line x1="${m.l}" y1="${m.t + h}" x2="${m.l + w}" y2="${m.t + h}" class="axis"/><line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${m.t + h}" class="axis"/>`);
  parts.push(`<text x="${m.l}" y="${m.t + h + 14}" text-anchor="middle" class="tick">0</text><text x="${m.l + w}" y="${m.t + h + 14}" text-anchor="middle" class="tick">1</text><text x="${m.l - 6}" y="${m.t + 4}" text-anchor="end" class="tick">1</text>`);
  parts.push(`<text x="${m.l + w / 2}" y="${S - 8}" text-anchor="middle" class="tick">confidence</text><text x="12" y="${m.t + h / 2}" class="tick" transform="rotate(-90 12 ${m.t + h / 2})" text-anchor="middle">accuracy</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}

/** The report page as one HTML string. */
export function renderReport(r: ReportInput): string {
  const rows = r.findings
    .map((f) => `<tr class="finding ${f.severity}" data-rule="${esc(f.ruleId)}"><td>${f.severity}</td><td><code>${esc(f.ruleId)}</code></td><td>${esc(f.message)}</td><td>${esc(f.fix)}</td></tr>`)
    .join('\n');
  const sections: string[] = [];
  if (r.log) {
    const acc: Series[] = ['train_acc', 'val_acc', 'val_map', 'val_map50'];
    const loss: Series[] = ['train_loss', 'val_loss'];
    const accLines = [...lines(r.log, acc, 'run'), ...(r.baseline ? lines(r.baseline, acc, 'baseline') : [])];
    const lossLines = [...lines(r.log, loss, 'run'), ...(r.baseline ? lines(r.baseline, loss, 'baseline') : [])];
    sections.push(`<h2>Training curves</h2><p>${esc(r.log.file)} (${r.log.format}, ${r.log.epochs.length} epochs)${r.baseline ? `; baseline ${esc(r.baseline.file)} dashed` : ''}</p>`);
    if (accLines.length > 0) sections.push(`<div id="accuracy-chart">${chart('accuracy / mAP', accLines)}</div>`);
    if (lossLines.length > 0) sections.push(`<div id="loss-chart">${chart('loss', lossLines)}</div>`);
  }
  if (r.calibration) sections.push(`<h2>Calibration</h2>${reliability(r.calibration)}`);
  const count = (s: string): number => r.findings.filter((f) => f.severity === s).length;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>augury doctor</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
tr.error td:first-child{color:#b00;font-weight:bold}tr.warning td:first-child{color:#b60}tr.info td:first-child{color:#555}
.axis{stroke:#333}.tick{font-size:11px;fill:#333}.title{font-size:13px;font-weight:bold}.legend{font-size:12px}
</style></head><body>
<h1>augury doctor</h1>
<p>${r.inputs && r.inputs.length > 0 ? `Inputs: ${r.inputs.map(esc).join(', ')}. ` : ''}<span id="counts">${count('error')} errors, ${count('warning')} warnings, ${count('info')} info</span></p>
<h2>Findings</h2>
<table id="findings"><thead><tr><th>severity</th><th>rule</th><th>message</th><th>fix</th></tr></thead><tbody>
${rows}
</tbody></table>
${sections.join('\n')}
</body></html>
`;
}
