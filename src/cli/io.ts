import { stripControl } from '../output/escape.ts';

/**
 * The command's view of the terminal. Commands write results to `out` and messages through
 * `info`/`warn`/`debug`, so quiet and verbose modes and piping behave the same everywhere.
 */
export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** stdout is a terminal: tables and progress bars are welcome. */
  isTTY: boolean;
  /** stderr is a terminal and not --quiet: progress bars may be drawn on it. */
  showProgress: boolean;
  out(text: string): void;
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export function processIo(options: { quiet?: boolean; verbose?: boolean }): Io {
  const isTTY = Boolean(process.stdout.isTTY);
  const errTTY = Boolean(process.stderr.isTTY);
  // Messages can carry attacker-controlled text (resource names, user agents): never let it
  // reach the terminal as escape sequences.
  const line = (text: string) => `${stripControl(text)}\n`;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY,
    showProgress: errTTY && !options.quiet,
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    info: (message) => {
      if (!options.quiet) process.stderr.write(line(message));
    },
    warn: (message) => process.stderr.write(line(`warning: ${message}`)),
    debug: (message) => {
      if (options.verbose) process.stderr.write(line(message));
    },
  };
}

/** An Io that records everything, for tests. */
export function memoryIo(): Io & { stdoutText(): string; stderrText(): string } {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) =>
    ({ write: (chunk: string | Uint8Array) => (append(String(chunk)), true) }) as unknown as NodeJS.WritableStream;
  return {
    stdout: sink((s) => (out += s)),
    stderr: sink((s) => (err += s)),
    isTTY: false,
    showProgress: false,
    out: (text) => (out += text.endsWith('\n') ? text : `${text}\n`),
    info: (message) => (err += `${message}\n`),
    warn: (message) => (err += `warning: ${message}\n`),
    debug: () => undefined,
    stdoutText: () => out,
    stderrText: () => err,
  };
}
