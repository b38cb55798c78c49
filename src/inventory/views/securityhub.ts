import type { Snapshot } from '../snapshot.ts';
import { got, memoView, type Got } from './account.ts';

/** Security Hub per region. DescribeHub answers InvalidAccessException when not enabled (→ null). */

export interface SecurityHubView {
  hub(region: string): Got<{ HubArn?: string; SubscribedAt?: string } | null>;
  enabledStandards(region: string): Got<Array<{ StandardsArn?: string; StandardsSubscriptionArn?: string; StandardsStatus?: string }>>;
  members(region: string): Got<Array<{ AccountId?: string; MemberStatus?: string }>>;
}

export const securityhubView = memoView((snapshot: Snapshot, accountId: string): SecurityHubView => ({
  hub: (region) => got('securityhub', 'DescribeHub', region, snapshot.call<any>(accountId, 'securityhub', 'DescribeHub', region), (d) => d ?? {}, null),
  enabledStandards: (region) =>
    got('securityhub', 'GetEnabledStandards', region, snapshot.call<any>(accountId, 'securityhub', 'GetEnabledStandards', region), (d) => d.StandardsSubscriptions ?? [], []),
  members: (region) => got('securityhub', 'ListMembers', region, snapshot.call<any>(accountId, 'securityhub', 'ListMembers', region), (d) => d.Members ?? []),
}));
