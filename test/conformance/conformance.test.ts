/**
 * Every registered transform passes the same checks (DESIGN.md, catalog issue section 7).
 * A transform registered without conformance parameters fails here.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/transforms/index.js';
import { applyStep } from '../../src/core/apply.js';
import { AuguryError } from '../../src/core/errors.js';
import { Pipeline } from '../../src/core/pipeline.js';
import { listTransforms } from '../../src/core/registry.js';
import { isComposition, type LeafTrace, type StepTrace } from '../../src/core/trace.js';
import { KERNEL_TARGETS, type TransformDef } from '../../src/core/transform.js';
import { sharpCodec } from '../../src/io/codecs/index.js';
import { createImage } from '../../src/targets/image.js';
import { targetKinds, type Sample } from '../../src/targets/sample.js';
import { makeSample, snapshot, type Kinds } from './fixture.js';

const codec = sharpCodec;

/** The targets of the fixture that this transform supports. */
function supportedKinds(def: TransformDef): Kinds {
  const k = def.kernels;
  return {
    boxes: k.boxes !== 'unsupported',
    polygons: k.polygons !== 'unsupported',
    keypoints: k.keypoints !== 'unsupported',
    mask: k.mask !== 'unsupported',
    instanceMasks: k.mask !== 'unsupported',
    label: k.label !== 'unsupported',
  };
}

function pipelineOf(def: TransformDef, extra: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Pipeline {
  return Pipeline.fromConfig({ ...top, transforms: [{ name: def.name, ...def.conformance.options, p: 1, ...extra }] });
}

function leaves(steps: readonly StepTrace[]): LeafTrace[] {
  return steps.flatMap((s) => (isComposition(s) ? leaves(s.steps) : [s]));
}

const defs = listTransforms();

describe('conformance', () => {
  test('transforms are registered', () => {
    assert.ok(defs.length > 0);
  });

  for (const def of defs) {
    describe(def.name, () => {
      test('declares conformance parameters and a kernel for every target', () => {
        assert.ok(def.conformance && typeof def.conformance.options === 'object', `${def.name} has no conformance parameters`);
        for (const t of KERNEL_TARGETS) assert.ok(def.kernels[t] !== undefined, `${def.name} has no entry for ${t}`);
      });

      test('p = 0 is the identity and records a skipped step', async () => {
        const s = makeSample(supportedKinds(def));
        const r = await pipelineOf(def, { p: 0 }).run(s, { codec });
        assert.deepEqual(snapshot(r.sample), snapshot(s));
        assert.equal(leaves(r.trace.steps)[0]!.skipped, true);
      });

      test('does not mutate its input, keeps target kinds, and replays byte for byte', async () => {
        const s = makeSample(supportedKinds(def));
        const before = snapshot(s);
        const p = pipelineOf(def);
        const r = await p.run(s, { stream: { seed: 3 }, codec });
        assert.deepEqual(snapshot(s), before, 'input mutated');
        assert.deepEqual(targetKinds(r.sample), targetKinds(s));
        const trace = JSON.parse(JSON.stringify(r.trace)) as unknown;
        const again = await p.replay(s, trace, { codec });
        assert.deepEqual(snapshot(again.sample), snapshot(r.sample));
        if (!def.conformance.mayBeIdentity) assert.notDeepEqual(snapshot(r.sample.image), snapshot(s.image), 'the step changed nothing');
      });

      test('same seed gives the same output; different seeds give different params', async () => {
        const s = makeSample(supportedKinds(def));
        const p = pipelineOf(def);
        const a = await p.run(s, { stream: { seed: 1 }, codec });
        const b = await p.run(s, { stream: { seed: 1 }, codec });
        assert.deepEqual(snapshot(a.sample), snapshot(b.sample));
        if (def.conformance.deterministic) return;
        const params = new Set<string>();
        for (let seed = 0; seed < 8; seed++) params.add(JSON.stringify(leaves((await p.run(s, { stream: { seed }, codec })).trace.steps)[0]!.params));
        assert.ok(params.size > 1, 'params did not change with the seed');
      });

      test('config and trace survive a JSON round trip', async () => {
        const s = makeSample(supportedKinds(def));
        const p = pipelineOf(def);
        const reloaded = Pipeline.fromConfig(JSON.parse(JSON.stringify(p.toConfig())));
        const a = await p.run(s, { stream: { seed: 9 }, codec });
        const b = await reloaded.run(s, { stream: { seed: 9 }, codec });
        assert.deepEqual(snapshot(b.sample), snapshot(a.sample));
        assert.deepEqual(JSON.parse(JSON.stringify(b.trace)), JSON.parse(JSON.stringify(a.trace)));
      });

      const cover = def.conformance.covers;
      if (cover) {
        test(`sampled ${cover.param} covers ${JSON.stringify(cover.range)}`, async () => {
          const s = makeSample({});
          const p = pipelineOf(def);
          let lo = Infinity;
          let hi = -Infinity;
          for (let seed = 0; seed < 300; seed++) {
            const v: unknown = leaves((await p.run(s, { stream: { seed }, codec })).trace.steps)[0]!.params![cover.param];
            assert.equal(typeof v, 'number', `${cover.param} is not a number param`);
            lo = Math.min(lo, v as number);
            hi = Math.max(hi, v as number);
          }
          const [a, b] = cover.range;
          const tol = Math.max((b - a) * 0.05, 1e-9);
          assert.ok(lo >= a - 1e-9 && hi <= b + 1e-9, `${cover.param} left the range: [${lo}, ${hi}]`);
          assert.ok(lo <= a + tol && hi >= b - tol, `${cover.param} did not cover the range: [${lo}, ${hi}]`);
        });
      }

      test('p = 0.5 applies in about half of 1000 draws', async () => {
        const p = pipelineOf(def, { p: 0.5 });
        const s: Sample = { id: 'tiny', image: createImage(16, 12, 3, 'uint8') };
        let applied = 0;
        for (let index = 0; index < 1000; index++) {
          const r = await p.run(s, { stream: { seed: 5, index }, codec });
          if (!leaves(r.trace.steps)[0]!.skipped) applied++;
        }
        assert.ok(applied > 440 && applied < 560, `applied ${applied} of 1000`);
      });

      const edit = def.conformance.edit;
      if (edit) {
        test(`a hand-edited trace (${edit.param} = ${JSON.stringify(edit.value)}) replays the edit`, async () => {
          const s = makeSample(supportedKinds(def));
          const p = pipelineOf(def);
          const r = await p.run(s, { stream: { seed: 4 }, codec });
          const trace = JSON.parse(JSON.stringify(r.trace)) as { steps: LeafTrace[] };
          const leaf = trace.steps[0]!;
          const edited = { ...trace, steps: [{ ...leaf, params: { ...leaf.params, [edit.param]: edit.value } }] };
          const out = await p.replay(s, edited, { codec });
          const direct = await applyStep(def, edited.steps[0]!.params!, s, { boxMethod: p.boxMethodFor(s), removeInvisibleKeypoints: false, codec });
          assert.deepEqual(snapshot(out.sample.image), snapshot(direct.image));
          assert.notDeepEqual(snapshot(out.sample.image), snapshot(r.sample.image), 'the edit did not change the output');
        });
      }

      const unsupported = KERNEL_TARGETS.filter((t) => t !== 'image' && def.kernels[t] === 'unsupported');
      for (const t of unsupported) {
        test(`refuses ${t} with an error naming the transform and the target`, async () => {
          const kinds: Kinds = t === 'mask' ? { mask: true } : { [t]: true };
          const s = makeSample(kinds);
          await assert.rejects(pipelineOf(def).run(s, { codec }), (e: unknown) => {
            assert.ok(e instanceof AuguryError);
            assert.equal(e.code, 'unsupported');
            assert.match(e.message, new RegExp(def.name));
            assert.ok(e.hint && e.hint.length > 0);
            return true;
          });
        });
      }
    });
  }
});

