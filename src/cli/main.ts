/** The `augury` command line: parse, call the library, print. Returns the exit code. */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { AuguryError } from '../core/errors.js';
import { registerApply } from './apply.js';
import { registerAudit } from './audit.js';
import { registerAugment } from './augment.js';
import { registerBench } from './bench.js';
import { registerConvert } from './convert.js';
import { registerDoctor } from './doctor.js';
import { EXIT, type CommandContext } from './common.js';
import { registerInfo } from './info.js';
import { registerPreview } from './preview.js';
import { registerProfile } from './profile.js';

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export interface CliIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

const defaultIo: CliIo = {
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n'),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
};

export function buildProgram(io: CliIo = defaultIo, setExitCode: (code: number) => void = () => undefined): Command {
  const program = new Command('augury')
    .description('Computer-vision data augmentation that keeps labels exact and knows its own failure modes.')
    .version(version())
    .showHelpAfterError('(run augury <command> --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  const ctx: CommandContext = { out: io.out, err: io.err, setExitCode };
  registerInfo(program, ctx);
  registerConvert(program, ctx);
  registerApply(program, ctx);
  registerPreview(program, ctx);
  registerAugment(program, ctx, version());
  registerDoctor(program, ctx);
  registerAudit(program, ctx);
  registerBench(program, ctx);
  registerProfile(program, ctx);
  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  return program;
}

/** Runs the CLI with `argv` as process.argv gives it (node, script, ...args). */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.error;
    }
    if (e instanceof AuguryError) {
      io.err(`augury: ${e.message}`);
      return EXIT.error;
    }
    io.err(`augury: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT.error;
  }
}
