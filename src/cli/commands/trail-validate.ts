import { writeFile } from 'node:fs/promises';
import type { CommandInput, OutputFormat } from '../spec.ts';
import { InputError } from '../../core/errors.ts';
import type { Severity } from '../../core/severity.ts';
import { parseTimeOption } from '../../core/time.ts';
import { emitReport, makeReport } from '../../output/index.ts';
import { validationFindings } from '../../trail/validate/findings.ts';
import { openTrailStore, publicKeySource } from '../../trail/validate/setup.ts';
import { fileLine, gapLine, summaryText } from '../../trail/validate/text.ts';
import { displayTime, validateTrail } from '../../trail/validate/validator.ts';

interface Options {
  bucket?: string;
  prefix?: string;
  accountId?: string;
  trailArn?: string;
  publicKeys?: string;
  startTime?: string;
  endTime?: string;
  regions?: string;
  format?: OutputFormat;
  out?: string;
  failOn?: Severity;
}

export async function run({ args, options, io }: CommandInput<Options>): Promise<number> {
  const start = options.startTime ? parseTimeOption(options.startTime, '--start-time') : undefined;
  const end = options.endTime ? parseTimeOption(options.endTime, '--end-time') : new Date();
  if (start && start > end) throw new InputError('--start-time must be before --end-time');
  let trailName: string | undefined;
  let accounts = options.accountId ? options.accountId.split(',').map((s) => s.trim()) : undefined;
  if (options.trailArn) {
    const match = /^arn:[^:]+:cloudtrail:([^:]+):(\d{12}):trail\/(.+)$/.exec(options.trailArn);
    if (!match) throw new InputError(`--trail-arn: expected arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME, got ${options.trailArn}`);
    trailName = match[3];
    accounts ??= [match[2] as string];
  }
  const store = await openTrailStore({ dir: args[0], bucket: options.bucket, prefix: options.prefix, endpointUrl: options.endpointUrl, region: options.region, profile: options.profile });
  const keys = publicKeySource({ publicKeys: options.publicKeys, start, end, profile: options.profile });
  const format = options.format ?? (io.isTTY ? 'table' : 'json');
  const text = format === 'table';
  const lines: string[] = [];
  const say = (line: string) => {
    if (options.out) lines.push(line);
    else io.out(line);
  };
  if (text) say(`Validating log files in ${store.label} between ${start ? displayTime(start) : 'the first digest'} and ${displayTime(end)}\n`);
  let result;
  try {
    result = await validateTrail({
      store,
      start,
      end,
      accounts,
      regions: options.regions ? options.regions.split(',').map((s) => s.trim()) : undefined,
      trailName,
      keysFor: (region) => keys.keysFor(region),
      onResult: (file) => {
        if (text && (file.status !== 'valid' || !options.quiet)) say(fileLine(file));
      },
      onGap: (gap) => {
        if (text) say(gapLine(gap));
      },
    });
  } finally {
    store.close();
    keys.close();
  }
  const { summary } = result;
  const anyInvalid = summary.digests.invalid + summary.digests.missing + summary.logs.invalid + summary.logs.missing > 0;
  const findings = validationFindings(result);
  if (text) {
    say(`\n${summaryText(result)}`);
    if (options.out) {
      await writeFile(options.out, `${lines.join('\n')}\n`);
      io.info(`wrote the validation report to ${options.out}`);
    }
    return anyInvalid ? 1 : 0;
  }
  const report = makeReport('trail validate', findings, { summary, files: result.files, gaps: result.gaps }, 'CloudTrail log file integrity');
  const code = await emitReport(report, { format, out: options.out, failOn: options.failOn }, io);
  return anyInvalid ? 1 : code;
}
