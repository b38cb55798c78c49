import type { CloudTrailEvent } from '../../logs/types.ts';
import type { Prng } from '../prng.ts';

/**
 * CloudTrail record and userIdentity builders, in the field order and shapes CloudTrail writes
 * (eventVersion 1.08/1.09). Shared by the benign generator and the embedded attacks.
 */

/** A userIdentity block as CloudTrail writes it (typed loosely: its variants carry different fields). */
export interface UserIdentity {
  type?: string;
  arn?: string;
  [key: string]: unknown;
}

export function ctTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function iamUserIdentity(account: string, userName: string, userId: string, accessKeyId: string, session?: { mfa: boolean; created: number }): UserIdentity {
  return {
    type: 'IAMUser',
    principalId: userId,
    arn: `arn:aws:iam::${account}:user/${userName}`,
    accountId: account,
    accessKeyId,
    userName,
    ...(session ? { sessionContext: { sessionIssuer: {}, webIdFederationData: {}, attributes: { creationDate: ctTime(session.created), mfaAuthenticated: String(session.mfa) } } } : {}),
  };
}

export interface RoleSession {
  account: string;
  roleName: string;
  roleId: string;
  sessionName: string;
  accessKeyId: string;
  created: number;
  mfa?: boolean;
  ec2RoleDelivery?: '1.0' | '2.0';
  webIdentityProvider?: string;
  sourceIdentity?: string;
}

export function assumedRoleIdentity(s: RoleSession): UserIdentity {
  return {
    type: 'AssumedRole',
    principalId: `${s.roleId}:${s.sessionName}`,
    arn: `arn:aws:sts::${s.account}:assumed-role/${s.roleName}/${s.sessionName}`,
    accountId: s.account,
    accessKeyId: s.accessKeyId,
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: s.roleId, arn: `arn:aws:iam::${s.account}:role/${s.roleName}`, accountId: s.account, userName: s.roleName },
      webIdFederationData: s.webIdentityProvider ? { federatedProvider: s.webIdentityProvider, attributes: {} } : {},
      attributes: { creationDate: ctTime(s.created), mfaAuthenticated: String(!!s.mfa) },
      ...(s.sourceIdentity ? { sourceIdentity: s.sourceIdentity } : {}),
      ...(s.ec2RoleDelivery ? { ec2RoleDelivery: s.ec2RoleDelivery } : {}),
    },
  };
}

export function rootIdentity(account: string, accessKeyId = '', session?: { mfa: boolean; created: number }): UserIdentity {
  return {
    type: 'Root',
    principalId: account,
    arn: `arn:aws:iam::${account}:root`,
    accountId: account,
    accessKeyId,
    ...(session ? { sessionContext: { sessionIssuer: {}, webIdFederationData: {}, attributes: { creationDate: ctTime(session.created), mfaAuthenticated: String(session.mfa) } } } : {}),
  };
}

export function serviceIdentity(invokedBy: string): UserIdentity {
  return { type: 'AWSService', invokedBy };
}

/** How a cross-account caller appears in the callee account's log. */
export function awsAccountIdentity(principalId: string, accountId: string): UserIdentity {
  return { type: 'AWSAccount', principalId, accountId };
}

export interface RecordSpec {
  time: number;
  account: string;
  region: string;
  identity: UserIdentity;
  source: string;
  name: string;
  ip: string;
  ua: string;
  readOnly?: boolean;
  params?: Record<string, unknown> | null;
  response?: Record<string, unknown> | null;
  additional?: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
  resources?: Array<{ ARN?: string; accountId?: string; type?: string }>;
  eventType?: 'AwsApiCall' | 'AwsServiceEvent' | 'AwsConsoleSignIn' | 'AwsConsoleAction';
  data?: boolean;
  sharedEventID?: string;
  consoleSession?: boolean;
  eventVersion?: string;
}

/** A CloudTrail record in the order CloudTrail writes its fields. */
export function ctRecord(rng: Prng, s: RecordSpec): CloudTrailEvent {
  const fromService = s.identity.type === 'AWSService' || s.ip.endsWith('.amazonaws.com');
  const record: CloudTrailEvent = {
    eventVersion: s.eventVersion ?? (s.source === 'signin.amazonaws.com' || s.data ? '1.08' : '1.09'),
    userIdentity: s.identity as CloudTrailEvent['userIdentity'],
    eventTime: ctTime(s.time),
    eventSource: s.source,
    eventName: s.name,
    awsRegion: s.region,
    sourceIPAddress: s.ip,
    userAgent: s.ua,
    ...(s.errorCode ? { errorCode: s.errorCode } : {}),
    ...(s.errorMessage ? { errorMessage: s.errorMessage } : {}),
    requestParameters: s.params === undefined ? null : s.params,
    responseElements: s.response === undefined ? null : s.response,
    ...(s.additional ? { additionalEventData: s.additional } : {}),
    requestID: s.eventType === 'AwsConsoleSignIn' ? undefined : rng.uuid(),
    eventID: rng.uuid(),
    readOnly: s.readOnly ?? false,
    ...(s.resources ? { resources: s.resources } : {}),
    eventType: s.eventType ?? 'AwsApiCall',
    managementEvent: !s.data,
    recipientAccountId: s.account,
    ...(s.sharedEventID ? { sharedEventID: s.sharedEventID } : {}),
    eventCategory: s.data ? 'Data' : 'Management',
    ...(fromService || s.eventType === 'AwsConsoleSignIn' ? {} : { tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: hostFor(s.source, s.region) } }),
    ...(s.consoleSession ? { sessionCredentialFromConsole: 'true' } : {}),
  };
  if (record.requestID === undefined) delete record.requestID;
  return record;
}

const GLOBAL_ENDPOINTS = new Set(['iam.amazonaws.com', 'organizations.amazonaws.com', 'cloudfront.amazonaws.com']);

function hostFor(source: string, region: string): string {
  const service = source.replace('.amazonaws.com', '');
  if (GLOBAL_ENDPOINTS.has(source)) return source;
  if (service === 's3') return `s3.${region}.amazonaws.com`;
  if (service === 'signin') return 'signin.aws.amazon.com';
  return `${service}.${region}.amazonaws.com`;
}

export const USER_AGENTS = {
  cliMac: 'aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/macos#24.1.0 md/arch#arm64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off',
  cliLinux: 'aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/linux#6.8.0-1017-azure md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython exec-env/GitHubActions cfg/retry-mode#standard md/installer#exe',
  boto3: 'Boto3/1.35.63 md/Botocore#1.35.63 ua/2.0 os/macos#24.1.0 md/arch#arm64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.63',
  terraform: 'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.76.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.4 ua/2.1 os/linux lang/go#1.23.2 md/GOOS#linux md/GOARCH#amd64',
  javaSdk: 'aws-sdk-java/2.29.15 Linux/6.1.115-126.197.amzn2023.x86_64 OpenJDK_64-Bit_Server_VM/21.0.5+11-LTS Java/21.0.5 vendor/Amazon.com_Inc. md/io#sync md/http#Apache ua/2.1 cfg/retry-mode#legacy',
  nodeSdk: 'aws-sdk-js/3.693.0 ua/2.1 os/linux#5.10.227-239.884.amzn2.x86_64 lang/js md/nodejs#20.18.0 api/dynamodb#3.693.0 exec-env/AWS_Lambda_nodejs20.x',
  pythonAgent: 'Boto3/1.34.144 md/Botocore#1.34.144 ua/2.0 os/linux#6.1.115-126.197.amzn2023.x86_64 md/arch#x86_64 lang/python#3.9.20 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.144',
  chrome: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
  console: 'AWS Internal',
  // Attack tooling.
  kali: 'aws-cli/1.22.34 Python/3.11.2 Linux/6.5.0-kali3-amd64 botocore/1.23.34',
  pacu: 'aws-cli/1.16.145 Python/3.6.8 Linux/4.15.0-1044-aws botocore/1.12.135',
  attackerBrowser: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
  curlPython: 'python-requests/2.31.0',
} as const;
