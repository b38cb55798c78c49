/**
 * The zone of trust: principals inside it are not reported. Either the resource's account
 * (plus any accounts the config trusts) or the whole organization.
 */
export interface ZoneOfTrust {
  kind: 'account' | 'organization';
  organizationId?: string;
  /** Accounts of the organization, when known. */
  organizationAccounts: Set<string>;
  trustedAccounts: Set<string>;
}

export function inZone(zone: ZoneOfTrust, resourceAccount: string, account: string | undefined): boolean {
  if (!account) return false;
  if (account === resourceAccount || zone.trustedAccounts.has(account)) return true;
  return zone.kind === 'organization' && zone.organizationAccounts.has(account);
}

export function orgInZone(zone: ZoneOfTrust, organizationId: string): boolean {
  return zone.kind === 'organization' && zone.organizationId === organizationId;
}
