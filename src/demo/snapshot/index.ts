import { writeSnapshot, SNAPSHOT_FORMAT, type AccountData, type SnapshotManifest } from '../../inventory/snapshot.ts';
import { ACCOUNTS, COLLECTED_AT, OPTED_OUT_REGION, REGIONS, type DemoOrg } from '../org.ts';
import type { Prng } from '../prng.ts';
import { buildAcm, buildApiGateway, buildCloudFront, buildEcr, buildEks, buildLambda, buildLoadBalancersAndWaf, buildOpenSearch } from './apps.ts';
import { buildDynamoDb, buildEfs, buildKms, buildRds, buildSecrets, buildSqs, buildSsm } from './data.ts';
import { buildAccount, buildIam, buildOrganizations, buildSts } from './identity.ts';
import { buildCloudTrail, buildConfig, buildMonitoring } from './logging.ts';
import { buildEc2 } from './network.ts';
import { buildSecurityServices } from './security-services.ts';
import { buildS3, buildS3Control, buildS3Extras } from './storage.ts';
import { newAccountData, type BuildContext } from './util.ts';

/** Every service builder, in the order they run (WAF before CloudFront: the distribution names its web ACL). */
const BUILDERS: Array<(ctx: BuildContext) => void> = [
  buildSts, buildIam, buildOrganizations, buildAccount, buildS3, buildS3Extras, buildS3Control, buildEc2, buildCloudTrail, buildConfig, buildMonitoring,
  buildSecurityServices, buildKms, buildRds, buildDynamoDb, buildEfs, buildSecrets, buildSsm, buildSqs,
  buildLambda, buildEcr, buildEks, buildAcm, buildLoadBalancersAndWaf, buildCloudFront, buildOpenSearch, buildApiGateway,
];

export interface DemoSnapshot {
  manifest: SnapshotManifest;
  accounts: Record<string, AccountData>;
}

/** Builds the demo organization's snapshot in memory (Contract 3, raw SDK v3 response shapes). */
export function buildSnapshot(org: DemoOrg, rng: Prng): DemoSnapshot {
  const accounts: Record<string, AccountData> = {};
  // prod first so that its CloudFront web ACL exists before anything reads it; files are keyed by id anyway.
  for (const account of [ACCOUNTS.prod, ACCOUNTS.management, ACCOUNTS.dev]) {
    const { data, put } = newAccountData();
    const ctx: BuildContext = { org, account, rng: rng.fork(`snapshot/${account.id}`), put };
    for (const build of BUILDERS) build(ctx);
    accounts[account.id] = data;
  }
  const manifest: SnapshotManifest = {
    format: SNAPSHOT_FORMAT,
    collectedAt: COLLECTED_AT,
    partition: 'aws',
    accounts: org.accounts.map((a) => ({ id: a.id, name: a.name, regions: [...REGIONS], status: 'ok' })),
    skippedRegions: Object.fromEntries(org.accounts.map((a) => [a.id, [OPTED_OUT_REGION]])),
    organization: { id: org.orgId, managementAccountId: ACCOUNTS.management.id },
  };
  return { manifest, accounts };
}

export async function writeDemoSnapshot(dir: string, snapshot: DemoSnapshot): Promise<void> {
  await writeSnapshot(dir, snapshot.manifest, snapshot.accounts);
}
