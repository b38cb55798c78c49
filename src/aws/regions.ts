import type { Entry } from '../inventory/snapshot.ts';
import type { ClientPool } from './client-pool.ts';
import { toCallError } from './errors.ts';
import type { Partition } from './partitions.ts';
import { normalizeResponse } from './response.ts';

/**
 * Which regions to read in one account. EC2 DescribeRegions with AllRegions lists every region
 * of the partition with its opt-in status; regions the account has not opted into answer
 * nothing but errors, so they are skipped and reported instead of being called.
 */

export interface RegionPlan {
  regions: string[];
  /** Requested (or existing) regions left out: not opted in, or unknown to the partition. */
  skipped: string[];
  /** The DescribeRegions entry, recorded in the snapshot under the home region. */
  describeRegions: Entry;
}

interface RegionInfo {
  RegionName?: string;
  OptInStatus?: string;
}

export async function planRegions(pool: ClientPool, account: string, partition: Partition, requested: 'all' | string[], fallbackRegion?: string): Promise<RegionPlan> {
  let listed: RegionInfo[];
  let describeRegions: Entry;
  try {
    const out = await pool.send('ec2', account, partition.homeRegion, 'DescribeRegions', { AllRegions: true });
    describeRegions = { data: normalizeResponse(out) };
    listed = (out.Regions ?? []) as RegionInfo[];
  } catch (error) {
    // Without the list, trust what was asked for; "all" shrinks to the one region we know.
    describeRegions = { error: toCallError(error) };
    const regions = requested === 'all' ? [fallbackRegion ?? partition.homeRegion] : requested;
    return { regions, skipped: [], describeRegions };
  }
  const enabled = new Set(listed.filter((r) => r.RegionName && r.OptInStatus !== 'not-opted-in').map((r) => r.RegionName!));
  const optedOut = listed.filter((r) => r.RegionName && r.OptInStatus === 'not-opted-in').map((r) => r.RegionName!);
  if (requested === 'all') return { regions: [...enabled].sort(), skipped: optedOut.sort(), describeRegions };
  return {
    regions: requested.filter((r) => enabled.has(r)),
    skipped: requested.filter((r) => !enabled.has(r)),
    describeRegions,
  };
}
