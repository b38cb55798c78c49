import { CommanderError } from 'commander';
import { AwsFailure, InputError } from '../core/errors.ts';
import { stripControl } from '../output/escape.ts';
import { buildProgram } from './program.ts';

/**
 * The entry: parse, run, map typed errors to exit codes (Contract 1). The only place that
 * calls process.exit.
 *   0 ok · 1 findings at or above --fail-on · 2 bad usage or input · 3 AWS/network failure
 *   70 an internal error (a bug in Vigil: please report it with --verbose output)
 */
async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => (exitCode = code));
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    return exitCodeForError(error, verbose);
  }
}

function exitCodeForError(error: unknown, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // --help and --version are not errors; commander already printed the usage error.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    return 2;
  }
  if (error instanceof InputError) {
    process.stderr.write(`vigil: ${stripControl(error.oneLine)}\n`);
    return 2;
  }
  if (error instanceof AwsFailure) {
    process.stderr.write(`vigil: AWS failure${error.code ? ` (${error.code})` : ''}: ${stripControl(error.message)}\n`);
    return 3;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`vigil: internal error: ${stripControl(message)}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 70;
}

const code = await main(process.argv);
// Let pending stdout drain before exiting (large JSON into a pipe).
process.stdout.write('', () => process.exit(code));
