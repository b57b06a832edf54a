/** Reading pipeline configs and traces from files (the Node edge of src/core/config-text.ts). */
import { readFile } from 'node:fs/promises';
import { AuguryError } from '../core/errors.js';
import { pipelineFromText } from '../core/config-text.js';
import type { Pipeline } from '../core/pipeline.js';

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new AuguryError({ code: 'io', message: `cannot read the ${what}: ${(e as Error).message}`, file: path, hint: `check the path given for the ${what}` });
  }
}

export async function readPipeline(path: string): Promise<Pipeline> {
  return pipelineFromText(await readText(path, 'pipeline'), path);
}

export async function readTraceFile(path: string): Promise<unknown> {
  const text = await readText(path, 'trace');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AuguryError({ code: 'parse', message: `the trace is not valid JSON: ${(e as Error).message}`, file: path, hint: 'a trace is the JSON document written by --trace' });
  }
}
