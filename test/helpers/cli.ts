/** Runs the CLI in-process and captures what it prints. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(...args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'augury', ...args], {
    out: (s) => {
      stdout += s.endsWith('\n') ? s : s + '\n';
    },
    err: (s) => {
      stderr += s.endsWith('\n') ? s : s + '\n';
    },
  });
  return { code, stdout, stderr };
}

export function tempDir(prefix = 'augury-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
