/**
 * Pipeline configs: the YAML/JSON shape users write, validated into a tree of steps.
 *
 *   task: detection            # classification | detection | segmentation | keypoints
 *   transforms:
 *     - {name: Affine, rotate: [-30, 30], p: 1}
 *     - {name: OneOf, transforms: [{name: GaussianBlur}, {name: MotionBlur}]}
 *   boxes: {method: mask, minVisibility: 0.3}
 *   keypoints: {removeInvisible: false}
 */
import { z } from 'zod';
import { AuguryError, show } from './errors.js';
import { getMix, hasMix, type MixDef } from './mix.js';
import { getPolicy, hasPolicy, parsePolicyString, type PolicyDef } from './policy.js';
import { getTransform } from './registry.js';
import { parseOptions } from './schema.js';
import type { TransformDef } from './transform.js';

export const COMPOSITIONS = ['Compose', 'Sequential', 'OneOf', 'SomeOf'] as const;
export type CompositionName = (typeof COMPOSITIONS)[number];

export interface LeafNode {
  readonly kind: 'leaf';
  readonly def: TransformDef;
  /** Validated options, defaults filled in. */
  readonly options: Record<string, unknown> & { p: number };
  /** The config as written (what toConfig gives back). */
  readonly config: Readonly<Record<string, unknown>>;
}

export interface CompositionNode {
  readonly kind: 'composition';
  readonly name: CompositionName;
  readonly p: number;
  readonly children: readonly StepNode[];
  /** SomeOf: how many children, [min, max]. */
  readonly n: readonly [number, number];
  readonly replace: boolean;
  readonly config: Readonly<Record<string, unknown>>;
}

export interface PolicyNode {
  readonly kind: 'policy';
  readonly policy: PolicyDef;
  readonly options: Record<string, unknown> & { p: number };
  readonly config: Readonly<Record<string, unknown>>;
}

export interface MixNode {
  readonly kind: 'mix';
  readonly mix: MixDef;
  readonly options: Record<string, unknown> & { p: number };
  readonly config: Readonly<Record<string, unknown>>;
}

export type StepNode = LeafNode | CompositionNode | PolicyNode | MixNode;

export const TASKS = ['classification', 'detection', 'segmentation', 'keypoints'] as const;
export type Task = (typeof TASKS)[number];

const boxesSchema = z
  .object({
    method: z.enum(['corners', 'ellipse', 'mask']).optional().describe("how boxes follow geometric steps; default 'mask' when polygons or instance masks exist, else 'corners'"),
    minArea: z.number().min(0).default(0).describe('drop boxes smaller than this many square pixels'),
    minVisibility: z.number().min(0).max(1).default(0).describe('drop boxes showing less than this share of their object'),
    minWidth: z.number().min(0).default(0),
    minHeight: z.number().min(0).default(0),
    clip: z.boolean().default(true).describe('clip boxes to the image'),
  })
  .strict();

const keypointsSchema = z
  .object({
    removeInvisible: z.boolean().default(false).describe('drop keypoints that leave the frame (true) or keep them with visibility 0 (false, for fixed-length skeletons)'),
    flipPairs: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).optional().describe('pairs of skeleton indices that swap on flips, when the data does not give them'),
  })
  .strict();

const pipelineSchema = z
  .object({
    task: z.enum(TASKS).optional(),
    domain: z.string().optional(),
    transforms: z.array(z.unknown()),
    boxes: boxesSchema.default({ minArea: 0, minVisibility: 0, minWidth: 0, minHeight: 0, clip: true }),
    keypoints: keypointsSchema.default({ removeInvisible: false }),
    additionalTargets: z.record(z.string(), z.enum(['image', 'mask'])).default({}),
    fusion: z.boolean().default(true).describe('resample consecutive warps once'),
    seed: z.number().int().min(0).optional(),
  })
  .strict();

export type BoxOptions = z.output<typeof boxesSchema>;
export type KeypointOptions = z.output<typeof keypointsSchema>;

export interface PipelineConfig {
  readonly task?: Task;
  readonly domain?: string;
  readonly transforms: readonly StepNode[];
  readonly boxes: BoxOptions;
  readonly keypoints: KeypointOptions;
  readonly additionalTargets: Readonly<Record<string, 'image' | 'mask'>>;
  readonly fusion: boolean;
  readonly seed?: number;
  /** The config as written, top-level keys other than transforms. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Validates a config object (parsed YAML or JSON) into a pipeline config. */
export function parsePipelineConfig(input: unknown): PipelineConfig {
  if (Array.isArray(input)) input = { transforms: input };
  const top = parseOptions(pipelineSchema, input, 'pipeline');
  const transforms = top.transforms.map((t, i) => buildNode(t, `transforms[${i}]`));
  const { transforms: _t, ...raw } = input as Record<string, unknown>;
  return {
    ...(top.task ? { task: top.task } : {}),
    ...(top.domain ? { domain: top.domain } : {}),
    transforms,
    boxes: top.boxes,
    keypoints: top.keypoints,
    additionalTargets: top.additionalTargets,
    fusion: top.fusion,
    ...(top.seed !== undefined ? { seed: top.seed } : {}),
    raw,
  };
}

/** Builds one step from its config; `where` is its key path for error messages. */
export function buildNode(input: unknown, where: string): StepNode {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new AuguryError({ code: 'validation', message: 'a step must be an object with a "name"', key: where, received: show(input), hint: 'write a step as {name: Rotate, limit: 30}' });
  }
  let cfg = input as Record<string, unknown>;
  if (typeof cfg['policy'] === 'string') {
    // `{policy: "rand-m9-n2"}`: the string stands for a policy and its options; other keys (p) add to them.
    const { policy, ...rest } = cfg;
    const parsed = parsePolicyString(policy as string, `${where}.policy`);
    return buildPolicy({ ...parsed.options, ...rest, name: parsed.name }, where, cfg);
  }
  const name = cfg['name'];
  if (typeof name !== 'string') {
    throw new AuguryError({ code: 'validation', message: 'a step needs a "name"', key: where, received: show(input), hint: 'write a step as {name: Rotate, limit: 30}' });
  }
  if ((COMPOSITIONS as readonly string[]).includes(name)) return buildComposition(name as CompositionName, cfg, where);
  if (hasPolicy(name)) return buildPolicy(cfg, where, cfg);
  if (hasMix(name)) {
    const mix = getMix(name, `${where}.name`);
    const { name: _m, ...options } = cfg;
    const parsed = parseOptions(mix.schema, options, `${where} (${name})`) as Record<string, unknown> & { p: number };
    return { kind: 'mix', mix, options: parsed, config: cfg };
  }
  const def = getTransform(name, `${where}.name`);
  const { name: _n, ...options } = cfg;
  const parsed = parseOptions(def.schema, options, `${where} (${name})`) as Record<string, unknown> & { p: number };
  return { kind: 'leaf', def, options: parsed, config: cfg };
}

function buildPolicy(cfg: Record<string, unknown>, where: string, written: Record<string, unknown>): PolicyNode {
  const policy = getPolicy(cfg['name'] as string, `${where}.name`);
  const { name: _n, ...options } = cfg;
  const parsed = parseOptions(policy.schema, options, `${where} (${policy.name})`) as Record<string, unknown> & { p: number };
  return { kind: 'policy', policy, options: parsed, config: written };
}

const compositionSchema = z
  .object({
    name: z.string(),
    transforms: z.array(z.unknown()).min(1),
    p: z.number().min(0).max(1).default(1),
    n: z.union([z.number().int().min(0), z.tuple([z.number().int().min(0), z.number().int().min(0)])]).optional(),
    replace: z.boolean().default(false),
  })
  .strict();

function buildComposition(name: CompositionName, cfg: Record<string, unknown>, where: string): CompositionNode {
  const c = parseOptions(compositionSchema, cfg, `${where} (${name})`);
  if (c.n !== undefined && name !== 'SomeOf') {
    throw new AuguryError({ code: 'validation', message: `"n" belongs to SomeOf, not ${name}`, key: `${where}.n` });
  }
  const children = c.transforms.map((t, i) => buildNode(t, `${where}.transforms[${i}]`));
  const n: [number, number] = c.n === undefined ? [1, 1] : typeof c.n === 'number' ? [c.n, c.n] : [c.n[0], c.n[1]];
  if (n[0] > n[1] || (!c.replace && n[1] > children.length)) {
    throw new AuguryError({ code: 'validation', message: 'SomeOf.n must be within the number of transforms (unless replace: true)', key: `${where}.n`, received: show(c.n), expected: `[min, max] with max <= ${children.length}` });
  }
  return { kind: 'composition', name, p: c.p, children, n, replace: c.replace, config: cfg };
}

/** The config back as plain data; reloading it gives an identical pipeline. */
export function nodeToConfig(node: StepNode): Record<string, unknown> {
  if (node.kind !== 'composition') return { ...node.config };
  return { ...node.config, transforms: node.children.map(nodeToConfig) };
}
