import type { VigilConfig } from '../core/config.ts';
import type { Io } from './io.ts';

/** One option of a command, as commander flags (`--since <time>`, `--no-builtin`). */
export interface OptionSpec {
  flags: string;
  description: string;
  default?: string | boolean | string[];
  /** Values allowed, checked before the command runs. */
  choices?: readonly string[];
}

/** Options every command gets (Contract 1). */
export interface GlobalOptions {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  config?: string;
  quiet?: boolean;
  verbose?: boolean;
}

/** What a command module receives: parsed args and options, the validated config, and I/O. */
export interface CommandInput<O = Record<string, unknown>> {
  args: string[];
  options: O & GlobalOptions;
  config: VigilConfig;
  io: Io;
}

/** A command module exports `run`; it returns the exit code (0 when undefined). */
export interface CommandModule {
  run(input: CommandInput<any>): Promise<number | void>;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Positional arguments in commander syntax: `<sql> <paths...>`, `[dir]`. */
  args?: string;
  options?: OptionSpec[];
  /** Adds --format, --out and --fail-on. */
  producesFindings?: boolean;
  /** Lazily imported, so `vigil --help` and fast commands load nothing they do not use. */
  load?: () => Promise<CommandModule>;
  subcommands?: CommandSpec[];
  /** Extra help text shown after the options. */
  examples?: string[];
}

export const OUTPUT_FORMATS = ['table', 'json', 'jsonl', 'csv', 'html', 'sarif', 'asff', 'ocsf'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Options for commands that talk to live AWS accounts. */
export const LIVE_AWS_OPTIONS: OptionSpec[] = [
  { flags: '--regions <list>', description: 'regions to cover: "all" (enabled regions) or r1,r2' },
  { flags: '--org-role <name>', description: 'role to assume in each member account of the organization' },
  { flags: '--external-id <id>', description: 'external id for the member-account role' },
  { flags: '--accounts <ids>', description: 'only these account ids (comma-separated)' },
];
