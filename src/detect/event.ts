import { parseUtcTimestamp } from '../core/time.ts';
import type { CloudTrailEvent, EventRef } from '../logs/types.ts';

/** Helpers that read the who/where/when of a CloudTrail record the same way everywhere. */

/** The acting principal: the identity ARN, the root ARN, or what CloudTrail gives instead. */
export function actorOf(record: CloudTrailEvent): string {
  const identity = record.userIdentity;
  if (!identity) return 'unknown';
  if (identity.arn) return identity.arn;
  if (identity.type === 'Root' && identity.accountId) return `arn:aws:iam::${identity.accountId}:root`;
  if (identity.type === 'AWSService') return identity.invokedBy ?? 'aws-service';
  if (identity.principalId) return identity.principalId;
  if (identity.type === 'AWSAccount' && identity.accountId) return `account:${identity.accountId}`;
  return identity.type ?? 'unknown';
}

/** The principal behind a session (the role for an assumed-role session), for baselines. */
export function principalOf(record: CloudTrailEvent): string {
  const issuer = record.userIdentity?.sessionContext?.sessionIssuer?.arn;
  return issuer ?? actorOf(record);
}

export function accountOf(record: CloudTrailEvent): string {
  return record.recipientAccountId ?? record.userIdentity?.accountId ?? 'unknown';
}

export function regionOf(record: CloudTrailEvent): string {
  return record.awsRegion ?? 'global';
}

// Every detector asks for the time of the same event in turn: remember the last answer.
let lastRecord: unknown;
let lastTime = 0;

export function timeOf(record: { eventTime?: string }): number {
  if (record === lastRecord) return lastTime;
  const t = record.eventTime ? parseUtcTimestamp(record.eventTime) : Number.NaN;
  lastRecord = record;
  lastTime = Number.isNaN(t) ? 0 : t;
  return lastTime;
}

export function eventIdOf(record: CloudTrailEvent, ref: EventRef): string {
  return record.eventID ?? refText(ref);
}

export function refText(ref: EventRef): string {
  return ref.line !== undefined ? `${ref.file}:${ref.line}` : ref.index !== undefined ? `${ref.file}#${ref.index}` : ref.file;
}

/** The user name an IAM call acts on (`requestParameters.userName`), when it names one. */
export function targetUserOf(record: CloudTrailEvent): string | undefined {
  const name = record.requestParameters?.userName;
  return typeof name === 'string' ? name : undefined;
}

/** The caller's own user name, when the caller is an IAM user (or root). */
export function callerUserName(record: CloudTrailEvent): string | undefined {
  const identity = record.userIdentity;
  if (identity?.type === 'IAMUser') return identity.userName;
  return undefined;
}

/** The session of an EC2 instance role: the session name is the instance id. */
export function instanceIdOfSession(record: CloudTrailEvent): string | undefined {
  const identity = record.userIdentity;
  if (identity?.type !== 'AssumedRole') return undefined;
  const session = identity.arn ? afterLast(identity.arn, '/') : identity.principalId ? afterLast(identity.principalId, ':') : undefined;
  // Cheap test first: most sessions are not named i-…
  if (!session || session.charCodeAt(0) !== 105 /* i */ || session.charCodeAt(1) !== 45 /* - */ || !/^i-[0-9a-fA-F]{8,17}$/.test(session)) return undefined;
  return session;
}

function afterLast(text: string, separator: string): string {
  return text.slice(text.lastIndexOf(separator) + 1);
}

/** Whether the source "IP" is an AWS service name (`ec2.amazonaws.com`), not an address. */
export function isServiceSource(source: string | undefined): boolean {
  return source === undefined || source.endsWith('.amazonaws.com') || source === 'AWS Internal';
}

/** True when the call failed (the attempt still matters for detection, but may lower severity). */
export function failed(record: CloudTrailEvent): boolean {
  return typeof record.errorCode === 'string' && record.errorCode !== '';
}
