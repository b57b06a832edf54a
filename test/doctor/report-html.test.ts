import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { calibration, parsePredictions } from '../../src/doctor/calibration.js';
import { runCli, tempDir } from '../helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const FIX = 'test/fixtures/doctor';

test('the HTML report draws one point per epoch and the 15 reliability bins, in headless Chromium', async () => {
  // CI installs Debian's chromium (.ci/run); a missing browser must fail loudly, not skip.
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install it with \`apt-get update && apt-get install -y chromium\` (.ci/run does this)`);
  const dir = tempDir('augury-doctor-report-');
  const report = join(dir, 'doctor.html');
  const log = join(FIX, 'keras-training.log.csv');
  const preds = join(FIX, 'predictions.jsonl');
  const r = await runCli('doctor', '--log', log, '--baseline', join(FIX, 'lightning-metrics.csv'), '--predictions', preds, '--report', report);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  // No network: nothing in the page may point outside it.
  assert.doesNotMatch(readFileSync(report, 'utf8'), /\b(src|href)=["']?https?:/);

  // Expected values come from the fixtures, not from the report code.
  const epochs = readFileSync(log, 'utf8').trim().split('\n').length - 1;
  const { predictions } = parsePredictions(readFileSync(preds, 'utf8'), preds);
  const bins = calibration(predictions).bins;

  const profile = tempDir('augury-chromium-profile-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) requests.push(req.url());
    });
    await page.goto(pathToFileURL(report).href);
    for (const s of ['train_acc', 'val_acc', 'train_loss', 'val_loss']) {
      assert.equal(await page.locator(`circle.point[data-log="run"][data-series="${s}"]`).count(), epochs, `points of ${s}`);
    }
    // The baseline (Lightning, 8 epochs) is drawn too.
    assert.equal(await page.locator('circle.point[data-log="baseline"][data-series="val_acc"]').count(), 8);
    // Points follow the data: the run's last val_acc point sits higher on screen than its first.
    const firstBox = await page.locator('circle.point[data-log="run"][data-series="val_acc"][data-epoch="0"]').boundingBox();
    const lastBox = await page.locator(`circle.point[data-log="run"][data-series="val_acc"][data-epoch="${epochs - 1}"]`).boundingBox();
    assert.ok(firstBox && lastBox && lastBox.y < firstBox.y);

    const bars = page.locator('#reliability rect.bin');
    assert.equal(await bars.count(), 15);
    const full = (await page.locator('#reliability').boundingBox())!;
    assert.ok(full.height > 0);
    let tallest = { i: -1, h: 0 };
    for (let i = 0; i < 15; i++) {
      const bar = bars.nth(i);
      assert.equal(Number(await bar.getAttribute('data-count')), bins[i]!.count, `bin ${i} count`);
      assert.ok(Math.abs(Number(await bar.getAttribute('data-accuracy')) - bins[i]!.accuracy) < 1e-12, `bin ${i} accuracy`);
      const box = await bar.boundingBox();
      const h = box?.height ?? 0;
      if (bins[i]!.accuracy === 0) assert.ok(h < 0.5, `empty bar ${i} is flat`);
      if (h > tallest.h) tallest = { i, h };
    }
    // Rendered bar heights are proportional to the bins' accuracies.
    const ref = bins[tallest.i]!.accuracy;
    for (let i = 0; i < 15; i++) {
      const h = (await bars.nth(i).boundingBox())?.height ?? 0;
      assert.ok(Math.abs(h / tallest.h - bins[i]!.accuracy / ref) < 0.02, `bar ${i} height ratio`);
    }
    const shot = join(dir, 'doctor.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok(statSync(shot).size > 1000);
    assert.deepEqual(requests, []);
  } finally {
    await context.close();
  }
});
