/**
 * `augury bench --report bench.html`: one self-contained page (inline SVG, no scripts, no network)
 * with each op's ratio to its reference as a bar on a log scale around 1x, the pipelines, decode
 * and scaling, the machine and the notes. Red bars are below the issue's 0.8x line.
 */
import type { BenchDocument } from './bench.js';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const num = (v: number | null | undefined, digits = 0): string => (v === null || v === undefined ? '-' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

/** A bar for `ratio` on a log2 axis from 1/4x to 4x, centred on 1x. */
function bar(ratio: number | null | undefined): string {
  const W = 240;
  const H = 14;
  const mid = W / 2;
  if (ratio === null || ratio === undefined || !(ratio > 0)) return `<svg width="${W}" height="${H}" role="img" aria-label="no reference"></svg>`;
  const x = Math.max(0, Math.min(W, mid + (Math.log2(ratio) / 2) * mid));
  const color = ratio < 0.8 ? '#d62728' : ratio >= 1 ? '#2ca02c' : '#ff9f1c';
  const [x0, x1] = x < mid ? [x, mid] : [mid, x];
  const line08 = mid + (Math.log2(0.8) / 2) * mid;
  return `<svg width="${W}" height="${H}" role="img" aria-label="${ratio.toFixed(2)}x"><rect x="${x0.toFixed(1)}" y="2" width="${Math.max(1, x1 - x0).toFixed(1)}" height="${H - 4}" fill="${color}"/><line x1="${mid}" x2="${mid}" y1="0" y2="${H}" stroke="#333"/><line x1="${line08.toFixed(1)}" x2="${line08.toFixed(1)}" y1="0" y2="${H}" stroke="#999" stroke-dasharray="2,2"/></svg>`;
}

function row(cells: readonly string[]): string {
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

/** The report page for a bench document. */
export function renderBenchReport(doc: BenchDocument): string {
  const ops = doc.ops.map((o) => row([esc(o.name), esc(o.size), esc(o.backend), num(o.imagesPerSec, 1), num(o.reference), o.ratio === null ? '-' : `${o.ratio.toFixed(2)}x`, bar(o.ratio)]));
  const rates = [...doc.pipelines, ...doc.decode].map((p) => row([esc(p.name), num(p.imagesPerSec, 1), num(p.reference), p.ratio === undefined ? '-' : `${p.ratio.toFixed(2)}x`, bar(p.ratio)]));
  const one = doc.scaling.find((s) => s.workers === 1)?.imagesPerSec;
  const scaling = doc.scaling.map((s) => row([String(s.workers), num(s.imagesPerSec, 1), one ? `${(s.imagesPerSec / one).toFixed(2)}x` : '-']));
  const gm = Object.entries(doc.geomeanRatio).map(([size, v]) => `${esc(size)}: ${v === null || v === undefined ? '-' : `${v.toFixed(3)}x`}`).join(', ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>augury bench</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{padding:2px 10px;text-align:right}td:first-child,th:first-child{text-align:left}tr:nth-child(even){background:#f4f4f4}caption{text-align:left;font-weight:bold;margin-bottom:.3em}.notes li{margin:.2em 0}</style>
</head><body>
<h1>augury bench</h1>
<p>${esc(doc.machine.cpu)}, ${doc.machine.cores} cores, Node ${esc(doc.machine.node)}${doc.opencv ? `; OpenCV ${esc(doc.opencv.version)} timed in the same run, machine ratio ${doc.opencv.machineRatio}` : ''}. Bars: ratio to the reference on a log scale from 1/4x to 4x (solid line 1x, dashed 0.8x).</p>
<p>Geometric mean of the op ratios: ${gm || '-'}</p>
<table><caption>Ops, one core</caption><tr><th>op</th><th>size</th><th>backend</th><th>images/s</th><th>reference</th><th>ratio</th><th></th></tr>
${ops.join('\n')}
</table>
<table><caption>Pipelines and decode</caption><tr><th>figure</th><th>images/s</th><th>reference</th><th>ratio</th><th></th></tr>
${rates.join('\n')}
</table>
<table><caption>Worker pool</caption><tr><th>workers</th><th>images/s</th><th>of 1 worker</th></tr>
${scaling.join('\n')}
</table>
<ul class="notes">${doc.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>
</body></html>
`;
}
