import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibration, checkCalibration, parsePredictions } from '../../src/doctor/calibration.js';

test('ECE over 15 bins, checked against a hand computation', () => {
  const lines = [
    { probs: [0.9, 0.1], label: 0 }, // bin 13 (0.8667, 0.9333], right
    { probs: [0.9, 0.1], label: 1 }, // bin 13, wrong
    { probs: [0.2, 0.8], label: 1 }, // bin 11 (0.7333, 0.8], right
    { probs: [0.6, 0.4], label: 0 }, // bin 8 (0.5333, 0.6], right
  ];
  const { predictions, findings } = parsePredictions(lines.map((l) => JSON.stringify(l)).join('\n'), 'p.jsonl');
  assert.deepEqual(findings, []);
  const c = calibration(predictions);
  assert.equal(c.bins.length, 15);
  assert.equal(c.bins[13]!.count, 2);
  assert.equal(c.bins[13]!.accuracy, 0.5);
  assert.equal(c.bins[11]!.count, 1);
  assert.equal(c.bins[8]!.count, 1);
  // |0.5 - 0.9| * 2/4 + |1 - 0.8| * 1/4 + |1 - 0.6| * 1/4 = 0.2 + 0.05 + 0.1
  assert.ok(Math.abs(c.ece - 0.35) < 1e-12);
  assert.equal(c.accuracy, 0.75);
});

test('calibration.ece: flagged above the threshold, not below', () => {
  const over = parsePredictions(Array.from({ length: 10 }, (_, i) => JSON.stringify({ probs: [0.95, 0.05], label: i < 6 ? 0 : 1 })).join('\n'), 'p.jsonl');
  const f = checkCalibration(calibration(over.predictions), 'p.jsonl');
  assert.equal(f.find((x) => x.ruleId === 'calibration.ece')?.evidence['direction'], 'over-confident');
  // Confidence 0.75 and exactly 3 in 4 right: calibrated.
  const good = parsePredictions(Array.from({ length: 8 }, (_, i) => JSON.stringify({ probs: [0.75, 0.25], label: i % 4 === 3 ? 1 : 0 })).join('\n'), 'p.jsonl');
  const g = checkCalibration(calibration(good.predictions), 'p.jsonl');
  assert.deepEqual(g.map((x) => x.ruleId), ['calibration.summary']);
});

test('bad predictions are reported by line and skipped; the rest is measured', () => {
  const text = ['{"probs":[0.7,0.3],"label":0}', '{"probs":[2.0,-1.0],"label":0}', '{"probs":[1.5,0.8],"label":1}', '{"probs":[0.6,0.4],"label":2}', 'nope', '{"probs":[0.6,0.4],"label":1}'].join('\n');
  const { predictions, findings } = parsePredictions(text, 'preds.jsonl');
  assert.deepEqual(predictions.map((p) => p.line), [1, 6]);
  const msg = findings.map((f) => f.message).join('\n');
  assert.match(msg, /preds\.jsonl: 2 line\(s\) with probabilities that do not sum to 1 \(line 2, 3\)/);
  assert.match(msg, /preds\.jsonl: 1 line\(s\) with a label out of range.*\(line 4\)/);
  assert.match(msg, /preds\.jsonl: 1 line\(s\) with not valid JSON \(line 5\)/);
  assert.ok(findings.some((f) => /softmax/.test(f.fix)));
  const none = parsePredictions('nope\n', 'x.jsonl');
  assert.ok(none.findings.some((f) => f.severity === 'error'));
});
