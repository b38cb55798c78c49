import type { Snapshot } from '../snapshot.ts';
import { got, homeRegion, memoView, type Got } from './account.ts';

/**
 * IAM (global, recorded under the partition's home region). Policy documents arrive
 * URL-encoded, as IAM returns them; this view decodes them. The credential report arrives as a
 * base64 CSV; this view parses it into rows keyed by its column names.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocument {
  Version?: string;
  Statement?: PolicyStatement | PolicyStatement[];
}

/** Decodes a policy document as IAM/S3/KMS return it: URL-encoded JSON, plain JSON, or an object. */
export function decodePolicy(document: unknown): PolicyDocument | undefined {
  if (document === undefined || document === null) return undefined;
  if (typeof document === 'object') return document as PolicyDocument;
  if (typeof document !== 'string') return undefined;
  const text = document.trimStart().startsWith('{') ? document : safeDecode(document);
  try {
    return JSON.parse(text) as PolicyDocument;
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function statements(document: PolicyDocument | undefined): PolicyStatement[] {
  if (!document?.Statement) return [];
  return Array.isArray(document.Statement) ? document.Statement : [document.Statement];
}

export interface InlinePolicy {
  name: string;
  document: PolicyDocument | undefined;
}

export interface AttachedPolicy {
  PolicyName?: string;
  PolicyArn?: string;
}

export interface IamUser {
  name: string;
  arn: string;
  createDate?: string;
  groups: string[];
  inlinePolicies: InlinePolicy[];
  attachedPolicies: AttachedPolicy[];
  tags: Record<string, string>;
}

export interface IamRole {
  name: string;
  arn: string;
  path?: string;
  trustPolicy: PolicyDocument | undefined;
  inlinePolicies: InlinePolicy[];
  attachedPolicies: AttachedPolicy[];
  tags: Record<string, string>;
}

export interface IamGroup {
  name: string;
  arn: string;
  inlinePolicies: InlinePolicy[];
  attachedPolicies: AttachedPolicy[];
}

export interface ManagedPolicy {
  name: string;
  arn: string;
  attachmentCount: number;
  isAttachable?: boolean;
  /** AWS managed (arn:…:iam::aws:policy/…) rather than customer managed. */
  awsManaged: boolean;
  defaultDocument: PolicyDocument | undefined;
}

export interface AuthorizationDetails {
  users: IamUser[];
  roles: IamRole[];
  groups: IamGroup[];
  policies: ManagedPolicy[];
}

export type CredentialReportRow = Record<string, string>;

export interface PasswordPolicy {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  AllowUsersToChangePassword?: boolean;
  ExpirePasswords?: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

export interface ServerCertificate {
  ServerCertificateName?: string;
  Arn?: string;
  Expiration?: string;
}

export interface VirtualMfaDevice {
  SerialNumber?: string;
  User?: { Arn?: string; UserName?: string };
}

export interface AccessKey {
  AccessKeyId?: string;
  Status?: string;
  CreateDate?: string;
  UserName?: string;
}

export interface IamView {
  region: string;
  credentialReport(): Got<CredentialReportRow[]>;
  authorizationDetails(): Got<AuthorizationDetails>;
  accountSummary(): Got<Record<string, number>>;
  /** null when the account has no custom password policy (NoSuchEntity). */
  passwordPolicy(): Got<PasswordPolicy | null>;
  virtualMfaDevices(): Got<VirtualMfaDevice[]>;
  samlProviders(): Got<Array<{ Arn?: string }>>;
  oidcProviders(): Got<Array<{ Arn?: string }>>;
  serverCertificates(): Got<ServerCertificate[]>;
  accessKeys(userName: string): Got<AccessKey[]>;
}

const tagsOf = (tags: Array<{ Key?: string; Value?: string }> | undefined) => Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));

const inline = (list: Array<{ PolicyName?: string; PolicyDocument?: unknown }> | undefined): InlinePolicy[] =>
  (list ?? []).map((p) => ({ name: p.PolicyName ?? '', document: decodePolicy(p.PolicyDocument) }));

/** Parses the credential report CSV (RFC 4180 quoting tolerated). */
export function parseCredentialReport(content: string): CredentialReportRow[] {
  const text = /^[A-Za-z0-9+/=\s]+$/.test(content) && !content.includes(',') ? Buffer.from(content, 'base64').toString('utf8') : content;
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  if (lines.length === 0) return [];
  const header = splitCsvLine(lines[0]!);
  return lines.slice(1).map((line) => {
    const cells = splitCsvLine(line);
    return Object.fromEntries(header.map((name, index) => [name, cells[index] ?? '']));
  });
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

export const iamView = memoView((snapshot: Snapshot, accountId: string): IamView => {
  const region = homeRegion(snapshot);
  const call = <T>(operation: string) => snapshot.call<T>(accountId, 'iam', operation, region);
  let report: Got<CredentialReportRow[]> | undefined;
  let details: Got<AuthorizationDetails> | undefined;
  return {
    region,
    credentialReport: () =>
      (report ??= got('iam', 'GetCredentialReport', region, call<{ Content?: unknown }>('GetCredentialReport'), (data) => {
        const content = data.Content;
        if (typeof content === 'string') return parseCredentialReport(content);
        if (content && typeof content === 'object') return parseCredentialReport(Buffer.from(Object.values(content as Record<string, number>)).toString('utf8'));
        return [];
      })),
    authorizationDetails: () =>
      (details ??= got('iam', 'GetAccountAuthorizationDetails', region, call<any>('GetAccountAuthorizationDetails'), (data) => ({
        users: (data.UserDetailList ?? []).map((u: any) => ({
          name: u.UserName ?? '',
          arn: u.Arn ?? '',
          createDate: u.CreateDate,
          groups: u.GroupList ?? [],
          inlinePolicies: inline(u.UserPolicyList),
          attachedPolicies: u.AttachedManagedPolicies ?? [],
          tags: tagsOf(u.Tags),
        })),
        roles: (data.RoleDetailList ?? []).map((r: any) => ({
          name: r.RoleName ?? '',
          arn: r.Arn ?? '',
          path: r.Path,
          trustPolicy: decodePolicy(r.AssumeRolePolicyDocument),
          inlinePolicies: inline(r.RolePolicyList),
          attachedPolicies: r.AttachedManagedPolicies ?? [],
          tags: tagsOf(r.Tags),
        })),
        groups: (data.GroupDetailList ?? []).map((g: any) => ({
          name: g.GroupName ?? '',
          arn: g.Arn ?? '',
          inlinePolicies: inline(g.GroupPolicyList),
          attachedPolicies: g.AttachedManagedPolicies ?? [],
        })),
        policies: (data.Policies ?? []).map((p: any) => {
          const version = (p.PolicyVersionList ?? []).find((v: any) => v.IsDefaultVersion) ?? (p.PolicyVersionList ?? [])[0];
          const arn: string = p.Arn ?? '';
          return {
            name: p.PolicyName ?? '',
            arn,
            attachmentCount: p.AttachmentCount ?? 0,
            isAttachable: p.IsAttachable,
            awsManaged: /^arn:[^:]+:iam::aws:policy\//.test(arn),
            defaultDocument: decodePolicy(version?.Document),
          };
        }),
      }))),
    accountSummary: () => got('iam', 'GetAccountSummary', region, call<{ SummaryMap?: Record<string, number> }>('GetAccountSummary'), (data) => data.SummaryMap ?? {}),
    passwordPolicy: () =>
      got('iam', 'GetAccountPasswordPolicy', region, call<{ PasswordPolicy?: PasswordPolicy }>('GetAccountPasswordPolicy'), (data) => data.PasswordPolicy ?? null, null),
    virtualMfaDevices: () => got('iam', 'ListVirtualMFADevices', region, call<{ VirtualMFADevices?: VirtualMfaDevice[] }>('ListVirtualMFADevices'), (data) => data.VirtualMFADevices ?? []),
    samlProviders: () => got('iam', 'ListSAMLProviders', region, call<{ SAMLProviderList?: Array<{ Arn?: string }> }>('ListSAMLProviders'), (data) => data.SAMLProviderList ?? []),
    oidcProviders: () =>
      got('iam', 'ListOpenIDConnectProviders', region, call<{ OpenIDConnectProviderList?: Array<{ Arn?: string }> }>('ListOpenIDConnectProviders'), (data) => data.OpenIDConnectProviderList ?? []),
    serverCertificates: () =>
      got('iam', 'ListServerCertificates', region, call<{ ServerCertificateMetadataList?: ServerCertificate[] }>('ListServerCertificates'), (data) => data.ServerCertificateMetadataList ?? []),
    accessKeys: (userName) =>
      got('iam', 'ListAccessKeys', region, snapshot.resourceCall<{ AccessKeyMetadata?: AccessKey[] }>(accountId, 'iam', 'ListAccessKeys', region, userName), (data) => data.AccessKeyMetadata ?? []),
  };
});
