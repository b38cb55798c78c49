import type { LogStream } from '../../logs/types.ts';

/**
 * Last use per principal, service and action, from CloudTrail events. Role sessions count for
 * their role (sessionIssuer), so a role's activity is whatever its sessions did.
 */

export interface Activity {
  /** principal ARN → last event time (ms). */
  principals: Map<string, number>;
  /** principal ARN → service prefix → last time. */
  services: Map<string, Map<string, number>>;
  /** principal ARN → `service:Action` → last time. */
  actions: Map<string, Map<string, number>>;
  /** access key id → last time. */
  accessKeys: Map<string, number>;
  events: number;
}

export function emptyActivity(): Activity {
  return { principals: new Map(), services: new Map(), actions: new Map(), accessKeys: new Map(), events: 0 };
}

/** The IAM principal behind an event: the user, or the role of an assumed-role session. */
export function principalOf(identity: { type?: string; arn?: string; sessionContext?: { sessionIssuer?: { arn?: string; type?: string } } } | undefined): string | undefined {
  if (!identity) return undefined;
  if (identity.type === 'AssumedRole' && identity.sessionContext?.sessionIssuer?.arn) return identity.sessionContext.sessionIssuer.arn;
  return identity.arn;
}

/** eventSource prefixes whose IAM service prefix differs. */
const SOURCE_PREFIX: Record<string, string> = {
  monitoring: 'cloudwatch',
  email: 'ses',
  tagging: 'tag',
  'elasticmapreduce': 'elasticmapreduce',
  'es': 'es',
  'signin': 'signin',
  'sso': 'sso',
  'sso-directory': 'sso-directory',
  'identitystore': 'identitystore',
  'notifications': 'notifications',
};

export function serviceOfEventSource(eventSource: string): string {
  const prefix = eventSource.replace(/\.amazonaws\.com(\.cn)?$/, '').replace(/\.aws\.internal$/, '');
  return SOURCE_PREFIX[prefix] ?? prefix;
}

/** eventNames that are not the action's name. */
const EVENT_ACTION: Record<string, string> = {
  's3:ListObjects': 's3:ListBucket',
  's3:ListObjectsV2': 's3:ListBucket',
  's3:ListObjectVersions': 's3:ListBucketVersions',
  's3:HeadObject': 's3:GetObject',
  's3:HeadBucket': 's3:ListBucket',
  's3:GetBucketPolicyStatus': 's3:GetBucketPolicyStatus',
  's3:CreateMultipartUpload': 's3:PutObject',
  's3:UploadPart': 's3:PutObject',
  's3:CompleteMultipartUpload': 's3:PutObject',
  's3:CopyObject': 's3:PutObject',
  's3:DeleteObjects': 's3:DeleteObject',
  'lambda:Invoke': 'lambda:InvokeFunction',
  'kms:GenerateDataKeyWithoutPlaintext': 'kms:GenerateDataKeyWithoutPlaintext',
  'dynamodb:BatchGetItem': 'dynamodb:BatchGetItem',
};

/** IAM action for a CloudTrail event: `lambda:UpdateFunctionCode20150331v2` → `lambda:UpdateFunctionCode`. */
export function actionOfEvent(eventSource: string, eventName: string): string {
  const service = serviceOfEventSource(eventSource);
  const name = eventName.replace(/\d{8}(v\d+)?$/, '');
  const action = `${service}:${name}`;
  return EVENT_ACTION[action] ?? action;
}

function bump(map: Map<string, number>, key: string, time: number): void {
  const previous = map.get(key);
  if (previous === undefined || time > previous) map.set(key, time);
}

export async function readActivity(stream: LogStream): Promise<Activity> {
  const activity = emptyActivity();
  for await (const event of stream) {
    if (event.kind !== 'cloudtrail') continue;
    const record = event.record;
    const time = Date.parse(record.eventTime);
    if (Number.isNaN(time)) continue;
    activity.events++;
    const principal = principalOf(record.userIdentity);
    if (record.userIdentity?.accessKeyId) bump(activity.accessKeys, record.userIdentity.accessKeyId, time);
    if (!principal) continue;
    // A denied call is not use of a permission.
    if (record.errorCode && /AccessDenied|Unauthorized/i.test(record.errorCode)) continue;
    bump(activity.principals, principal, time);
    const service = serviceOfEventSource(record.eventSource);
    if (!activity.services.has(principal)) activity.services.set(principal, new Map());
    bump(activity.services.get(principal)!, service, time);
    if (!activity.actions.has(principal)) activity.actions.set(principal, new Map());
    bump(activity.actions.get(principal)!, actionOfEvent(record.eventSource, record.eventName), time);
  }
  return activity;
}
