import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseLogRecords } from '../../src/doctor/logs/records.js';
import { checkCurves } from '../../src/doctor/logs/rules.js';
import { logSeries, parseColumnMap } from '../../src/doctor/logs/series.js';
import { runDoctor } from '../../src/doctor/run.js';

const FIX = 'test/fixtures/doctor';
const read = (name: string) => readFileSync(`${FIX}/${name}`, 'utf8');
const series = (text: string, file = 'log.csv', map: Record<string, string> = {}) => logSeries(parseLogRecords(text, file), file, map);
const csv = (header: string, rows: (number | string)[][]) => [header, ...rows.map((r) => r.join(','))].join('\n') + '\n';

test('Keras CSVLogger parses without configuration', () => {
  const { log, findings } = series(read('keras-training.log.csv'), 'keras.csv');
  assert.equal(log.format, 'keras');
  assert.equal(log.epochs.length, 20);
  assert.deepEqual(log.sources, { train_acc: 'accuracy', val_acc: 'val_accuracy', train_loss: 'loss', val_loss: 'val_loss' });
  assert.equal(log.series.val_acc![0], 0.6);
  assert.deepEqual(findings, []);
});

test('Lightning CSVLogger rows are collapsed by epoch', () => {
  const text = read('lightning-metrics.csv');
  const { log, findings } = series(text, 'metrics.csv');
  assert.equal(log.format, 'lightning');
  assert.deepEqual(log.epochs, [0, 1, 2, 3, 4, 5, 6, 7]);
  // Expected values read straight from the file: the epoch-end and validation rows of epoch 3.
  const rows = text.trim().split('\n').slice(1).map((l) => l.split(','));
  const e3 = rows.filter((r) => r[0] === '3');
  assert.equal(log.series.val_acc![3], Number(e3.find((r) => r[4] !== '')![4]));
  assert.equal(log.series.train_acc![3], Number(e3.find((r) => r[6] !== '')![6]));
  assert.equal(log.sources.train_acc, 'train_acc_epoch');
  assert.ok(!findings.some((f) => f.severity !== 'info'));
});

test('Ultralytics results.csv parses without configuration; loss parts are summed', () => {
  const text = read('ultralytics-results.csv');
  const { log } = series(text, 'results.csv');
  assert.equal(log.format, 'ultralytics');
  assert.deepEqual(log.epochs, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(log.metric, 'val_map');
  const first = text.split('\n')[1]!.split(',').map((s) => Number(s.trim()));
  assert.ok(Math.abs(log.series.train_loss![0]! - (first[1]! + first[2]! + first[3]!)) < 1e-12);
  assert.equal(log.series.val_map![0], first[7]);
});

test('plain JSONL logs, percentages and --columns mappings', () => {
  const jsonl = [0, 1, 2].map((e) => JSON.stringify({ epoch: e, train_acc: 50 + e, val_acc: 55 + e })).join('\n');
  const { log } = series(jsonl, 'log.jsonl');
  assert.equal(log.format, 'plain');
  assert.deepEqual(log.series.train_acc, [0.5, 0.51, 0.52]);
  const mapped = series(csv('ep,a_tr,a_va', [[0, 0.1, 0.2], [1, 0.2, 0.3]]), 'x.csv', parseColumnMap('epoch=ep,train_acc=a_tr, val_acc=a_va'));
  assert.deepEqual(mapped.log.series.val_acc, [0.2, 0.3]);
  assert.deepEqual(mapped.findings, []);
});

test('bad columns: a mapping to a missing column, an unknown name, no usable column', () => {
  const bad = series(csv('epoch,foo', [[0, 1]]), 'x.csv', { val_acc: 'nope', accuracy_top: 'foo' });
  const errs = bad.findings.filter((f) => f.severity === 'error').map((f) => f.message);
  assert.ok(errs.some((m) => /x\.csv has no column "nope"/.test(m)));
  assert.ok(errs.some((m) => /unknown name "accuracy_top"/.test(m)));
  assert.ok(errs.some((m) => /no accuracy, loss or mAP column/.test(m)));
  assert.ok(bad.findings.some((f) => f.severity === 'info' && /columns not used by any rule: foo/.test(f.message)));
});

test('NaN cells and repeated epochs are reported with their lines; the rest is read', () => {
  const text = csv('epoch,train_loss,val_loss', [[0, 1, 1], [1, 'nan', 0.9], [2, 0.8, 0.8], [1, 0.7, 0.7], [2, 0.6, 0.6], [3, 0.5, 0.5]]);
  const { log, findings } = series(text, 'run.csv');
  const nan = findings.find((f) => f.ruleId === 'input.log-values')!;
  assert.match(nan.message, /run\.csv: column "train_loss" .*line 3/);
  const rep = findings.find((f) => f.ruleId === 'input.log-repeated-epochs')!;
  assert.match(rep.message, /epoch 1 at lines 3 and 5/);
  assert.deepEqual(log.epochs, [0, 1, 2, 3]);
  assert.deepEqual(log.series.train_loss, [1, 0.7, 0.6, 0.5]); // the later rows win
});

test('an empty log or a JSONL line that is not JSON is unreadable input, and other inputs are still checked', () => {
  const r = runDoctor({ log: { text: '{"epoch": 0}\n{oops\n', file: 'bad.jsonl' }, predictions: { text: '{"probs":[0.9,0.1],"label":0}\n', file: 'p.jsonl' } });
  const un = r.findings.find((f) => f.ruleId === 'input.unreadable')!;
  assert.match(un.message, /bad\.jsonl: line 2: not a JSON object/);
  assert.ok(r.findings.some((f) => f.ruleId === 'calibration.summary'));
  assert.ok(runDoctor({ log: { text: '\n', file: 'e.csv' } }).findings.some((f) => f.ruleId === 'input.unreadable'));
});

const accLog = (train: number[], val: number[], loss?: number[]) =>
  series(csv('epoch,train_acc,val_acc' + (loss ? ',train_loss' : ''), train.map((t, i) => [i, t, val[i]!, ...(loss ? [loss[i]!] : [])]))).log;

test('curve.train-below-val: a flat training curve below validation is flagged with its epochs and gap', () => {
  const train = [0.3, 0.45, 0.55, 0.6, 0.61, 0.61, 0.612, 0.611, 0.613, 0.612];
  const val = [0.35, 0.5, 0.6, 0.66, 0.68, 0.69, 0.69, 0.7, 0.7, 0.7];
  const f = checkCurves(accLog(train, val)).filter((x) => x.ruleId === 'curve.train-below-val');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.evidence['plateauEnd'], 9);
  // Epochs 4..9 are flat (each 5-epoch window has |slope| < 0.002); 3..7 is not (0.61 - 0.6 jump).
  assert.equal(f[0]!.evidence['plateauStart'], 4);
  const gap = (val.slice(4).reduce((a, b) => a + b, 0) - train.slice(4).reduce((a, b) => a + b, 0)) / 6;
  assert.ok(Math.abs((f[0]!.evidence['gapPoints'] as number) - gap * 100) < 0.01);
  // Still climbing, or above validation: not flagged.
  assert.deepEqual(checkCurves(accLog([0.3, 0.4, 0.5, 0.6, 0.7, 0.8], [0.4, 0.5, 0.6, 0.7, 0.8, 0.9])).filter((x) => x.ruleId === 'curve.train-below-val'), []);
  assert.deepEqual(checkCurves(accLog(train.map((t) => t + 0.2), val)).filter((x) => x.ruleId === 'curve.train-below-val'), []);
});

test('curve.slow-convergence: epochs to 95% of the baseline best, as a percentage', () => {
  const base = accLog([0, 0, 0, 0, 0, 0, 0, 0], [0.5, 0.7, 0.78, 0.8, 0.8, 0.8, 0.8, 0.8]);
  // 95% of 0.8 = 0.76: the baseline reaches it at its 3rd epoch, this run at its 6th: 100% slower.
  const slow = accLog([0, 0, 0, 0, 0, 0, 0, 0], [0.3, 0.4, 0.5, 0.6, 0.7, 0.77, 0.8, 0.81]);
  const f = checkCurves(slow, base).filter((x) => x.ruleId === 'curve.slow-convergence');
  assert.equal(f[0]?.evidence['slowerPct'], 100);
  assert.equal(f[0]?.evidence['baselineEpochs'], 3);
  assert.equal(f[0]?.evidence['runEpochs'], 6);
  assert.deepEqual(checkCurves(base, base).filter((x) => x.ruleId === 'curve.slow-convergence'), []);
  const never = checkCurves(accLog([0, 0, 0], [0.1, 0.2, 0.3]), base).find((x) => x.ruleId === 'curve.slow-convergence');
  assert.equal(never?.evidence['runEpochs'], null);
});

test('curve.loss-not-decreasing: a flat loss is flagged, a falling one is not', () => {
  const flat = accLog([0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [2.3, 2.31, 2.29, 2.3, 2.3, 2.31]);
  assert.equal(checkCurves(flat).filter((x) => x.ruleId === 'curve.loss-not-decreasing').length, 1);
  const falling = accLog([0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [2.3, 1.9, 1.5, 1.2, 1.0, 0.9]);
  assert.deepEqual(checkCurves(falling).filter((x) => x.ruleId === 'curve.loss-not-decreasing'), []);
});
