import type { VigilConfig } from '../../core/config.ts';
import { InputError } from '../../core/errors.ts';
import { validateServices, type CollectOptions } from './collector.ts';

/** The live-AWS flags of `collect`, `scan` and `watch` (Contract 1), as commander parses them. */
export interface CollectCliFlags {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  regions?: string;
  orgRole?: string;
  externalId?: string;
  accounts?: string;
  services?: string;
}

/**
 * Command-line flags over the `aws:` section of vigil.yaml, checked before the first AWS call:
 * a bad region, account id or service is a usage error (exit 2).
 */
export function collectOptionsFromCli(flags: CollectCliFlags, aws: NonNullable<VigilConfig['aws']> = {}): CollectOptions {
  const regions = flags.regions === undefined ? aws.regions : flags.regions === 'all' ? 'all' : splitList(flags.regions);
  if (Array.isArray(regions)) {
    if (regions.length === 0) throw new InputError('--regions: expected "all" or a comma-separated list of regions');
    for (const region of regions) if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new InputError(`--regions: not a region name: "${region}"`);
  }
  const accounts = splitList(flags.accounts) ?? aws.accounts;
  for (const account of accounts ?? []) if (!/^\d{12}$/.test(account)) throw new InputError(`--accounts: not a 12-digit account id: "${account}"`);
  const services = splitList(flags.services);
  validateServices(services);
  return {
    profile: flags.profile ?? aws.profile,
    region: flags.region ?? aws.region,
    regions: regions ?? 'all',
    endpointUrl: flags.endpointUrl ?? aws.endpointUrl,
    orgRole: flags.orgRole ?? aws.orgRole,
    externalId: flags.externalId ?? aws.externalId,
    accounts,
    services,
    concurrency: aws.concurrency,
    maxAttempts: aws.maxAttempts,
  };
}

export function splitList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
