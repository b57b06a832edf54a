/**
 * The audit's HTML report: one standalone file (PNGs embedded as data URLs) with the summary
 * tables and the worst boxes drawn over their output image: the box in red, the tight box of the
 * object's visible pixels in green.
 */
import { drawOverlay } from '../io/preview.js';
import type { AuditResult, WorstDrawing } from './run.js';
import type { Summary } from './score.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function rect(b: readonly number[], colour: string, k: number): string {
  return `<rect x="${b[0]! * k}" y="${b[1]! * k}" width="${(b[2]! - b[0]!) * k}" height="${(b[3]! - b[1]!) * k}" fill="none" stroke="${colour}" stroke-width="2"/>`;
}

/** One worst case as a PNG, enlarged so thin boxes stay visible. */
export async function drawWorst(d: WorstDrawing): Promise<Buffer> {
  const { width: w, height: h } = d.sample.image;
  const k = Math.max(1, Math.min(4, Math.floor(480 / Math.max(w, h))));
  const W = w * k, H = h * k;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${d.entry.visibleBox ? rect(d.entry.visibleBox, '#00e000', k) : ''}${rect(d.entry.box, '#ff2020', k)}</svg>`;
  return drawOverlay(d.sample.image, svg, k);
}

function row(name: string, s: Summary): string {
  return `<tr><td>${esc(name)}</td><td>${s.meanIoU.toFixed(4)}</td><td>${(s.shareBelow05 * 100).toFixed(1)}%</td><td>${s.lost}</td><td>${s.underMinVisibility}</td><td>${s.boxes}</td></tr>`;
}

/** The standalone report. */
export async function auditHtml(r: AuditResult, drawings: readonly WorstDrawing[], title = 'augury audit'): Promise<string> {
  const head = '<tr><th>what</th><th>mean IoU</th><th>boxes under 0.5 IoU</th><th>objects lost</th><th>boxes under minVisibility</th><th>boxes</th></tr>';
  const rows = [row(`overall (${r.method})`, r.overall), ...r.perStep.map((s) => row(`after step ${s.step + 1}: ${s.name}`, s))];
  if (r.compare) rows.push(row(`${r.compare.method} (baseline)`, r.compare.overall));
  const figures: string[] = [];
  for (const d of drawings) {
    const png = await drawWorst(d);
    const e = d.entry;
    const caption = `${d.method}: sample ${e.sample}${e.file ? ` (${e.file})` : ''}, row ${e.row}, IoU ${e.iou.toFixed(3)}, visible ${(e.visibleFraction * 100).toFixed(0)}%`;
    figures.push(`<figure><img src="data:image/png;base64,${png.toString('base64')}" alt="${esc(caption)}"><figcaption>${esc(caption)}</figcaption></figure>`);
  }
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:sans-serif;margin:1.5em;background:#fafafa}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}figure{display:inline-block;margin:8px;vertical-align:top}figcaption{font-size:12px;max-width:480px}</style>
</head><body>
<h1>${esc(title)}</h1>
<p>${r.samples} samples. Box method: ${esc(r.method)}. Red: the output box; green: the tight box of its object's pixels visible in the output.</p>
<table>${head}${rows.join('')}</table>
<h2>Worst boxes</h2>
${figures.join('\n')}
</body></html>
`;
}
