import { SingleBar } from 'cli-progress';
import { InputError } from '../../core/errors.ts';
import { collect, type CollectOptions, type CollectProgress } from '../../inventory/collect/collector.ts';
import { collectionPolicy } from '../../inventory/collect/policy.ts';
import { formatSummary } from '../../inventory/collect/summary.ts';
import { writeSnapshot } from '../../inventory/snapshot.ts';
import type { CommandInput, GlobalOptions } from '../spec.ts';
import type { Io } from '../io.ts';

interface CollectCliOptions {
  regions?: string;
  orgRole?: string;
  externalId?: string;
  accounts?: string;
  out?: string;
  services?: string;
  gzip?: boolean;
  printPolicy?: boolean;
}

export async function run({ options, config, io }: CommandInput<CollectCliOptions>): Promise<number> {
  const services = splitList(options.services);
  if (options.printPolicy) {
    io.out(JSON.stringify(collectionPolicy(services, { organization: Boolean(options.orgRole ?? config.aws?.orgRole) }), null, 2));
    return 0;
  }
  const collectOptions = collectOptionsFrom(options, config.aws ?? {});
  const out = options.out ?? 'snapshot';
  const result = await collect(collectOptions, progressBar(io));
  await writeSnapshot(out, result.manifest, result.data, { gzip: options.gzip });
  for (const line of formatSummary(result.summary, out)) io.info(line);
  // Every account failed (e.g. AssumeRole everywhere): the job did not get done.
  return result.summary.accounts.some((a) => a.status === 'ok') ? 0 : 3;
}

type AwsConfig = NonNullable<CommandInput['config']['aws']>;

/** Command-line options win over the `aws:` section of vigil.yaml; both are checked here. */
export function collectOptionsFrom(options: CollectCliOptions & GlobalOptions, aws: AwsConfig): CollectOptions {
  const regionsText = options.regions;
  const regions = regionsText === undefined ? aws.regions : regionsText === 'all' ? 'all' : splitList(regionsText);
  if (Array.isArray(regions)) {
    for (const region of regions) if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new InputError(`--regions: not a region name: "${region}"`);
    if (regions.length === 0) throw new InputError('--regions: expected "all" or a comma-separated list of regions');
  }
  const accounts = splitList(options.accounts) ?? aws.accounts;
  for (const account of accounts ?? []) if (!/^\d{12}$/.test(account)) throw new InputError(`--accounts: not a 12-digit account id: "${account}"`);
  const services = splitList(options.services);
  return {
    profile: options.profile ?? aws.profile,
    region: options.region ?? aws.region,
    regions: regions ?? 'all',
    endpointUrl: options.endpointUrl ?? aws.endpointUrl,
    orgRole: options.orgRole ?? aws.orgRole,
    externalId: options.externalId ?? aws.externalId,
    accounts,
    services,
    concurrency: aws.concurrency,
  };
}

function splitList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

/** A bar on stderr when it is a terminal; nothing in pipes or with --quiet. */
function progressBar(io: Io): CollectProgress | undefined {
  if (!io.showProgress) return undefined;
  const bar = new SingleBar({ stream: io.stderr as NodeJS.WriteStream, format: 'collecting [{bar}] {value}/{total} units  {unit}', hideCursor: true, clearOnComplete: true });
  return {
    start: (total) => bar.start(total, 0, { unit: '' }),
    unitDone: (key) => bar.increment(1, { unit: key }),
    stop: () => bar.stop(),
  };
}
