/**
 * Policy strings. timm's grammar, parsed as timm parses it (timm/data/auto_augment.py):
 *   rand-<sections>    RandAugment: m<int> n<int> p<float> mstd<float> (> 100 means 'inf')
 *                      mmax<int> inc<int> t<name> (weights, 3a, 3aw)
 *   augmix-<sections>  AugMix: m<int> w<int> d<int> a<float> b<int> mstd<float> (default mstd 'inf')
 *   <policy>-<sections> AutoAugment with policy original, originalr, v0, v0r or 3a: mstd<float>
 * A section is a key followed by a value starting at its first digit. Kept quirks: `inc0` and
 * `b0` still switch the flag on (timm tests `bool('0')`, which is true).
 * One deviation: timm skips a section with no digit silently; augury refuses it, since a typo
 * such as `rand-m9-mstd` would otherwise change nothing without a word.
 *
 * augury's own strings: `ta_wide` / `trivialaugment` (TrivialAugmentWide), `aa-imagenet`,
 * `aa-cifar10`, `aa-svhn` (torchvision's AutoAugment tables), `aa-detection-v0` .. `-v3` (the
 * detection policies of Zoph et al. 2019), `tv-rand-m<int>-n<int>[-b<int>]`
 * (RandAugment on the torchvision scale).
 */
import { AuguryError } from '../core/errors.js';
import type { PolicyStringParser } from '../core/policy.js';

export const GRAMMAR = [
  'rand-m<int>-n<int>[-p<float>][-mstd<float>][-mmax<int>][-inc1][-t<weights|3a|3aw>]   e.g. rand-m9-n2-mstd0.5-inc1',
  'augmix-m<int>-w<int>-d<int>[-a<float>][-b1][-mstd<float>]                              e.g. augmix-m5-w4-d2',
  '<original|originalr|v0|v0r|3a>[-mstd<float>]                                          e.g. original-mstd0.5',
  'augury: ta_wide, trivialaugment, aa-imagenet, aa-cifar10, aa-svhn, aa-detection-v0..v3, tv-rand-m<int>-n<int>[-b<bins>]',
].join('\n  ');

const TIMM_AA = new Set(['original', 'originalr', 'v0', 'v0r', '3a']);

function bad(text: string, part: string, why: string): AuguryError {
  const at = text.indexOf(part);
  const pointer = at >= 0 ? `\n  ${text}\n  ${' '.repeat(at)}${'^'.repeat(Math.max(1, part.length))}` : '';
  return new AuguryError({ code: 'validation', message: `bad policy string "${text}": ${why}${pointer}`, key: 'policy', received: JSON.stringify(part), hint: `policy strings look like:\n  ${GRAMMAR}\n(docs/policies.md)` });
}

/** Python's int() of a section value (digits only here: values start at a digit and sections split on '-'). */
function int(text: string, section: string, val: string): number {
  if (!/^\d+$/.test(val)) throw bad(text, section, `"${val}" is not a whole number`);
  return Number(val);
}

function float(text: string, section: string, val: string): number {
  if (!/^\d+(\.\d*)?([eE]\+?\d+)?$/.test(val)) throw bad(text, section, `"${val}" is not a number`);
  return Number(val);
}

/** timm's `re.split(r'(\d.*)', c)[:2]`: the key before the first digit, the value from it. */
function sections(text: string, parts: readonly string[], skipT = false): { key: string; val: string; section: string }[] {
  const out: { key: string; val: string; section: string }[] = [];
  for (const section of parts) {
    if (skipT && section.startsWith('t')) {
      out.push({ key: 't', val: section.slice(1), section });
      continue;
    }
    const m = /^(\D*)(\d.*)$/.exec(section);
    if (!m) throw bad(text, section || '-', section === '' ? 'empty section' : `section "${section}" has no value (timm would ignore it silently)`);
    out.push({ key: m[1]!, val: m[2]!, section });
  }
  return out;
}

function parseRand(text: string, parts: string[]): Record<string, unknown> {
  const o: Record<string, unknown> = { magnitudeScale: 'timm', magnitude: 10, numOps: 2 };
  for (const { key, val, section } of sections(text, parts, true)) {
    if (key === 't') {
      // timm keeps the first transform-set name; unknown names fall back to the default list.
      if (o['ops'] === undefined) o['ops'] = ['weights', '3a', '3aw'].includes(val) ? val : 'default';
    } else if (key === 'mstd') {
      const v = float(text, section, val);
      o['magnitudeStd'] ??= v > 100 ? 'inf' : v;
    } else if (key === 'mmax') o['magnitudeMax'] ??= int(text, section, val);
    else if (key === 'inc') o['increasing'] = true;
    else if (key === 'm') o['magnitude'] = int(text, section, val);
    else if (key === 'n') o['numOps'] = int(text, section, val);
    else if (key === 'p') o['opProbability'] = float(text, section, val);
    else throw bad(text, section, `unknown RandAugment section "${key}"`);
  }
  if (o['ops'] === 'default') delete o['ops'];
  return o;
}

function parseAugMix(text: string, parts: string[]): Record<string, unknown> {
  const o: Record<string, unknown> = { magnitudeScale: 'timm', severity: 3, mixtureWidth: 3, chainDepth: -1, alpha: 1, blended: false };
  for (const { key, val, section } of sections(text, parts)) {
    if (key === 'mstd') o['magnitudeStd'] ??= float(text, section, val);
    else if (key === 'm') o['severity'] = int(text, section, val);
    else if (key === 'w') o['mixtureWidth'] = int(text, section, val);
    else if (key === 'd') o['chainDepth'] = int(text, section, val);
    else if (key === 'a') o['alpha'] = float(text, section, val);
    else if (key === 'b') o['blended'] = true;
    else throw bad(text, section, `unknown AugMix section "${key}"`);
  }
  o['magnitudeStd'] ??= 'inf';
  return o;
}

function parseAutoAugment(text: string, policy: string, parts: string[]): Record<string, unknown> {
  const o: Record<string, unknown> = { table: policy, magnitudeScale: 'timm' };
  for (const { key, val, section } of sections(text, parts)) {
    if (key === 'mstd') o['magnitudeStd'] ??= float(text, section, val);
    else throw bad(text, section, `unknown AutoAugment section "${key}" (only mstd)`);
  }
  return o;
}

function parseTvRand(text: string, parts: string[]): Record<string, unknown> {
  const o: Record<string, unknown> = { magnitudeScale: 'torchvision' };
  for (const { key, val, section } of sections(text, parts)) {
    if (key === 'm') o['magnitude'] = int(text, section, val);
    else if (key === 'n') o['numOps'] = int(text, section, val);
    else if (key === 'b') o['numMagnitudeBins'] = int(text, section, val);
    else throw bad(text, section, `unknown tv-rand section "${key}" (m, n, b)`);
  }
  return o;
}

/** Parses timm's and augury's policy strings; null for strings of neither (another parser may know them). */
export const parsePolicy: PolicyStringParser = (raw) => {
  const text = raw.trim();
  const parts = text.split('-');
  const head = parts[0]!;
  const lower = text.toLowerCase();
  if (lower === 'ta_wide' || lower === 'trivialaugment' || lower === 'trivialaugmentwide') return { name: 'TrivialAugmentWide', options: {} };
  if (head === 'aa' && parts.length >= 2) {
    const which = parts[1]!;
    if (which === 'detection') {
      const v = parts[2];
      if (v === undefined || !['v0', 'v1', 'v2', 'v3'].includes(v)) throw bad(text, v ?? which, `unknown detection policy "${v ?? ''}" (aa-detection-v0, -v1, -v2, -v3)`);
      if (parts.length > 3) throw bad(text, parts.slice(3).join('-'), 'the detection policies take no sections');
      return { name: 'AutoAugmentDetection', options: { table: v } };
    }
    if (!['imagenet', 'cifar10', 'svhn'].includes(which)) throw bad(text, which, `unknown AutoAugment table "${which}" (aa-imagenet, aa-cifar10, aa-svhn)`);
    if (parts.length > 2) throw bad(text, parts.slice(2).join('-'), 'torchvision AutoAugment takes no sections');
    return { name: 'AutoAugment', options: { table: which, magnitudeScale: 'torchvision' } };
  }
  if (head === 'tv' && parts[1] === 'rand') return { name: 'RandAugment', options: parseTvRand(text, parts.slice(2)) };
  if (head.startsWith('rand')) {
    if (head !== 'rand') throw bad(text, head, 'a RandAugment string starts with "rand-"');
    return { name: 'RandAugment', options: parseRand(text, parts.slice(1)) };
  }
  if (head.startsWith('augmix')) {
    if (head !== 'augmix') throw bad(text, head, 'an AugMix string starts with "augmix-"');
    return { name: 'AugMix', options: parseAugMix(text, parts.slice(1)) };
  }
  if (TIMM_AA.has(head)) return { name: 'AutoAugment', options: parseAutoAugment(text, head, parts.slice(1)) };
  return null;
};
