import { Command, Option } from 'commander';
import { existsSync } from 'node:fs';
import { loadConfig, type VigilConfig } from '../core/config.ts';
import { InputError } from '../core/errors.ts';
import { isSeverity, SEVERITIES } from '../core/severity.ts';
import { processIo } from './io.ts';
import { OUTPUT_FORMATS, type CommandSpec, type GlobalOptions } from './spec.ts';
import { COMMANDS } from './table/index.ts';

export const VERSION = '0.1.0';

/** Builds the commander program from the command table. Nothing here runs a command. */
export function buildProgram(onRun: (exitCode: number) => void): Command {
  const program = new Command('vigil')
    .description('Continuous security for AWS: posture, threat detection, access analysis, CloudTrail integrity.')
    .version(VERSION)
    .option('--profile <name>', 'AWS profile from the shared config files')
    .option('--region <region>', 'default AWS region')
    .option('--endpoint-url <url>', 'send AWS calls to this endpoint (any AWS-compatible service)')
    .option('--config <file>', 'vigil.yaml config file (default: ./vigil.yaml when present)')
    .option('--quiet', 'only results and errors')
    .option('--verbose', 'more detail on stderr')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const spec of COMMANDS) program.addCommand(buildCommand(spec, onRun));
  return program;
}

function buildCommand(spec: CommandSpec, onRun: (exitCode: number) => void): Command {
  const command = new Command(spec.name).description(spec.summary).exitOverride();
  if (spec.args) command.arguments(spec.args);
  for (const option of spec.options ?? []) {
    const built = new Option(option.flags, option.description);
    if (option.default !== undefined) built.default(option.default);
    if (option.choices) built.choices(option.choices);
    command.addOption(built);
  }
  if (spec.producesFindings) {
    command.addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS));
    command.addOption(new Option('--out <file>', 'write the output to FILE instead of stdout'));
    command.addOption(new Option('--fail-on <severity>', 'exit 1 when a finding at or above SEVERITY is present').choices(SEVERITIES));
  }
  if (spec.examples) command.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}`);
  for (const sub of spec.subcommands ?? []) command.addCommand(buildCommand(sub, onRun));
  const load = spec.load;
  if (load) {
    command.action(async (...received: unknown[]) => {
      const self = received.at(-1) as Command;
      const options = self.optsWithGlobals() as GlobalOptions & Record<string, unknown>;
      const args = (self.processedArgs as unknown[]).flatMap((arg) => (arg === undefined ? [] : Array.isArray(arg) ? arg.map(String) : [String(arg)]));
      if (typeof options.failOn === 'string' && !isSeverity(options.failOn)) throw new InputError(`--fail-on: unknown severity ${options.failOn}`);
      const config = readConfig(options.config);
      const io = processIo(options);
      const module = await load();
      const exitCode = await module.run({ args, options, config, io });
      onRun(exitCode ?? 0);
    });
  }
  return command;
}

function readConfig(file: string | undefined): VigilConfig {
  if (file) return loadConfig(file);
  return existsSync('vigil.yaml') ? loadConfig('vigil.yaml') : {};
}
