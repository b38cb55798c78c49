import { AwsFailure, InputError } from '../core/errors.ts';
import type { CallError } from '../inventory/snapshot.ts';
import type { ClientPool } from './client-pool.ts';
import { cachedCredentials } from './credentials.ts';
import { classifyError, toCallError } from './errors.ts';
import { partitionOfArn, roleArn, type Partition } from './partitions.ts';

/**
 * Which accounts a collection covers: the caller's own, or (with `--org-role`) every active
 * member of its AWS Organization, entered with sts:AssumeRole. An account whose role cannot be
 * assumed is kept with its status and error, so the summary and manifest say why it is empty.
 */

export type AccountStatus = 'ok' | 'assume-role-failed';

export interface AccountTarget {
  id: string;
  name?: string;
  status: AccountStatus;
  error?: CallError;
  /** The role entered (member accounts), so another machine can enter it too. */
  roleArn?: string;
}

export interface Caller {
  account: string;
  arn: string;
  partition: Partition;
  /** Set when the account id was not confirmed by STS. */
  note?: string;
}

export interface AccountDiscovery {
  caller: Caller;
  accounts: AccountTarget[];
  organization?: { id: string; managementAccountId?: string; error?: CallError };
}

export interface AccountOptions {
  orgRole?: string;
  externalId?: string;
  /** Only these accounts (member ids with --org-role). */
  accounts?: string[];
  /** Name of the assumed-role sessions, visible in the members' CloudTrail. */
  sessionName?: string;
}

/** LocalStack's account id, used when an AWS-compatible endpoint cannot say who is calling. */
export const UNKNOWN_ENDPOINT_ACCOUNT = '000000000000';

/**
 * Who is calling. Without an identity there is no account to file data under: exit 3. An
 * AWS-compatible endpoint that answers but has no STS (s3rver, MinIO) is not a failure: the
 * account is the one named with `--accounts`, else LocalStack's 000000000000, and `note` says so.
 */
export async function callerIdentity(pool: ClientPool, partition: Partition, fallback: { accounts?: string[]; endpointUrl?: string } = {}): Promise<Caller> {
  try {
    const out = await pool.send('sts', undefined, partition.homeRegion, 'GetCallerIdentity');
    const arn = String(out.Arn ?? '');
    return { account: String(out.Account), arn, partition: arn ? partitionOfArn(arn) : partition };
  } catch (error) {
    const { code, message } = toCallError(error);
    const answered = classifyError(code) !== 'network';
    if (fallback.accounts?.length === 1 && (answered || !fallback.endpointUrl)) {
      return { account: fallback.accounts[0]!, arn: '', partition, note: `sts:GetCallerIdentity failed (${code}); collected as account ${fallback.accounts[0]} (--accounts)` };
    }
    if (fallback.endpointUrl && answered) {
      return { account: UNKNOWN_ENDPOINT_ACCOUNT, arn: '', partition, note: `the endpoint has no sts:GetCallerIdentity (${code}); collected as account ${UNKNOWN_ENDPOINT_ACCOUNT} (name it with --accounts)` };
    }
    throw new AwsFailure(`cannot identify the caller (sts:GetCallerIdentity): ${message}`, code);
  }
}

export async function discoverAccounts(pool: ClientPool, caller: Caller, options: AccountOptions): Promise<AccountDiscovery> {
  const home = caller.partition.homeRegion;
  if (!options.orgRole) {
    const others = (options.accounts ?? []).filter((id) => id !== caller.account);
    if (others.length > 0) throw new InputError(`--accounts ${others.join(',')}: the caller is ${caller.account}; reading other accounts needs --org-role`);
    return { caller, accounts: [{ id: caller.account, status: 'ok' }] };
  }

  let organization: AccountDiscovery['organization'];
  let members: Array<{ id: string; name?: string }> = [];
  try {
    const org = (await pool.send('organizations', caller.account, home, 'DescribeOrganization')).Organization as { Id?: string; MasterAccountId?: string } | undefined;
    organization = { id: org?.Id ?? '', managementAccountId: org?.MasterAccountId };
    let token: string | undefined;
    do {
      const page = await pool.send('organizations', caller.account, home, 'ListAccounts', token ? { NextToken: token } : {});
      for (const account of (page.Accounts ?? []) as Array<{ Id?: string; Name?: string; Status?: string; State?: string }>) {
        const state = account.State ?? account.Status;
        if (account.Id && (!state || state === 'ACTIVE')) members.push({ id: account.Id, name: account.Name });
      }
      token = page.NextToken as string | undefined;
    } while (token);
  } catch (error) {
    // Not the management account (nor a delegated admin): collect what we can name.
    organization = { id: organization?.id ?? '', error: toCallError(error) };
    members = (options.accounts ?? [caller.account]).map((id) => ({ id }));
  }
  if (options.accounts?.length) members = members.filter((m) => options.accounts!.includes(m.id));

  const accounts = await Promise.all(members.map((member) => enterAccount(pool, caller, member, options)));
  return { caller, accounts, organization };
}

/** Assumes the org role in one member (never in the caller's own account) and checks it works now. */
async function enterAccount(pool: ClientPool, caller: Caller, member: { id: string; name?: string }, options: AccountOptions): Promise<AccountTarget> {
  if (member.id === caller.account) return { ...member, status: 'ok' };
  const input = { RoleArn: roleArn(caller.partition, member.id, options.orgRole!), ExternalId: options.externalId, SessionName: options.sessionName };
  const provider = assumeRoleCredentials(pool, caller.account, caller.partition.homeRegion, input);
  try {
    await provider();
  } catch (error) {
    return { ...member, status: 'assume-role-failed', error: toCallError(error) };
  }
  pool.setAccountCredentials(member.id, provider);
  return { ...member, status: 'ok', roleArn: String(input.RoleArn) };
}

/**
 * Credentials of a role session, obtained with sts:AssumeRole through the pool (as `fromAccount`)
 * and renewed before they expire.
 */
export function assumeRoleCredentials(
  pool: ClientPool,
  fromAccount: string | undefined,
  region: string,
  role: { RoleArn: string; ExternalId?: string; SessionName?: string },
): ReturnType<typeof cachedCredentials> {
  const input: Record<string, unknown> = { RoleArn: role.RoleArn, RoleSessionName: role.SessionName ?? 'vigil-collect', DurationSeconds: 3600 };
  if (role.ExternalId) input.ExternalId = role.ExternalId;
  return cachedCredentials(async () => {
    const out = await pool.send('sts', fromAccount, region, 'AssumeRole', input);
    const c = out.Credentials as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration?: Date };
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration ? new Date(c.Expiration) : undefined };
  });
}
