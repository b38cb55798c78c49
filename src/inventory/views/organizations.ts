import type { Snapshot } from '../snapshot.ts';
import { got, homeRegion, memoView, type Got } from './account.ts';
import { decodePolicy, type PolicyDocument } from './iam.ts';

/** AWS Organizations as seen from an account (AWSOrganizationsNotInUseException → null). */

export interface Organization {
  Id?: string;
  Arn?: string;
  MasterAccountId?: string;
  FeatureSet?: string;
}

export interface OrganizationsView {
  region: string;
  organization(): Got<Organization | null>;
  accounts(): Got<Array<{ Id?: string; Name?: string; Status?: string }>>;
  policies(): Got<Array<{ Id?: string; Name?: string; AwsManaged?: boolean }>>;
  policy(id: string): Got<{ name?: string; document: PolicyDocument | undefined }>;
}

export const organizationsView = memoView((snapshot: Snapshot, accountId: string): OrganizationsView => {
  const region = homeRegion(snapshot);
  const call = <T>(operation: string) => snapshot.call<T>(accountId, 'organizations', operation, region);
  return {
    region,
    organization: () => got('organizations', 'DescribeOrganization', region, call<{ Organization?: Organization }>('DescribeOrganization'), (d) => d.Organization ?? null, null),
    accounts: () => got('organizations', 'ListAccounts', region, call<any>('ListAccounts'), (d) => d.Accounts ?? []),
    policies: () => got('organizations', 'ListPolicies', region, call<any>('ListPolicies'), (d) => d.Policies ?? []),
    policy: (id) =>
      got('organizations', 'DescribePolicy', region, snapshot.resourceCall<any>(accountId, 'organizations', 'DescribePolicy', region, id), (d) => ({
        name: d.Policy?.PolicySummary?.Name,
        document: decodePolicy(d.Policy?.Content),
      })),
  };
});
