import type { LogEvent } from '../../logs/types.ts';
import { action as catalogAction } from '../policy/catalog.ts';
import { validatePolicy } from '../validate/validator.ts';
import type { PolicyIssue } from '../validate/types.ts';
import { actionOfEvent, principalOf } from '../unused/activity.ts';

/**
 * `vigil iam generate`: a least-privilege identity policy from a principal's CloudTrail
 * activity. Each event becomes an IAM action (eventSource/eventName through the catalog); the
 * resource is the ARN the event names where the action supports resource-level permissions,
 * `*` where it does not or the event does not say.
 */

export interface GeneratedPolicy {
  policy: { Version: '2012-10-17'; Statement: Array<{ Effect: 'Allow'; Action: string[]; Resource: string[] }> };
  events: number;
  matched: number;
  /** Actions seen in the trail that the catalog does not know (left out). */
  unknownActions: string[];
  issues: PolicyIssue[];
}

type Rec = Record<string, any>;

function objectLevel(action: string): boolean {
  const [service, name] = action.split(':') as [string, string];
  return catalogAction(service, name)?.resourceTypes.some((r) => r.name === 'object') ?? false;
}

/** Resource ARNs an event names for its action, or undefined when it does not say. */
function resourcesOf(record: Rec, action: string, partition: string): string[] | undefined {
  const listed = ((record.resources ?? []) as Rec[]).map((r) => r.ARN as string).filter((a) => typeof a === 'string' && a.startsWith('arn:'));
  if (action.startsWith('s3:')) {
    const bucket = record.requestParameters?.bucketName;
    if (typeof bucket === 'string' && bucket) return [objectLevel(action) ? `arn:${partition}:s3:::${bucket}/*` : `arn:${partition}:s3:::${bucket}`];
    return listed.length ? listed : undefined;
  }
  if (listed.length) return listed;
  const derived = fromRequestParameters(record, action, partition);
  return derived ? [derived] : undefined;
}

/** ARNs rebuilt from well-known request parameters, for events that list no resources. */
function fromRequestParameters(record: Rec, action: string, partition: string): string | undefined {
  const p = (record.requestParameters ?? {}) as Rec;
  const region = record.awsRegion as string | undefined;
  const account = (record.recipientAccountId ?? record.userIdentity?.accountId) as string | undefined;
  if (!region || !account) return undefined;
  const service = action.split(':')[0];
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  switch (service) {
    case 'dynamodb':
      return str(p.tableName) && `arn:${partition}:dynamodb:${region}:${account}:table/${p.tableName}`;
    case 'sqs': {
      const name = str(p.queueUrl)?.split('/').pop();
      return name && `arn:${partition}:sqs:${region}:${account}:${name}`;
    }
    case 'sns':
      return str(p.topicArn);
    case 'lambda': {
      const fn = str(p.functionName);
      return fn && (fn.startsWith('arn:') ? fn : `arn:${partition}:lambda:${region}:${account}:function:${fn}`);
    }
    case 'kms': {
      const key = str(p.keyId);
      return key && (key.startsWith('arn:') ? key : key.startsWith('alias/') ? undefined : `arn:${partition}:kms:${region}:${account}:key/${key}`);
    }
    case 'secretsmanager': {
      const id = str(p.secretId);
      return id?.startsWith('arn:') ? id : undefined;
    }
    case 'logs':
      return str(p.logGroupName) && `arn:${partition}:logs:${region}:${account}:log-group:${p.logGroupName}:*`;
    case 'ssm':
      return str(p.name) && `arn:${partition}:ssm:${region}:${account}:parameter/${String(p.name).replace(/^\//, '')}`;
    default:
      return undefined;
  }
}

export async function generatePolicy(events: AsyncIterable<LogEvent>, principalArn: string): Promise<GeneratedPolicy> {
  const perAction = new Map<string, Set<string>>();
  const unknown = new Set<string>();
  let total = 0;
  let matched = 0;
  const partition = principalArn.split(':')[1] || 'aws';
  for await (const event of events) {
    if (event.kind !== 'cloudtrail') continue;
    total++;
    const record = event.record;
    const identity = record.userIdentity;
    if (principalOf(identity) !== principalArn && identity?.arn !== principalArn) continue;
    if (record.errorCode && /AccessDenied|Unauthorized/i.test(record.errorCode)) continue;
    matched++;
    const iamAction = actionOfEvent(record.eventSource, record.eventName);
    const [service, name] = iamAction.split(':') as [string, string];
    const info = catalogAction(service, name);
    if (!info) {
      unknown.add(iamAction);
      continue;
    }
    const action = `${service}:${info.name}`;
    const resources = perAction.get(action) ?? new Set<string>();
    perAction.set(action, resources);
    const named = info.resourceTypes.length > 0 ? resourcesOf(record as Rec, action, partition) : undefined;
    for (const r of named ?? ['*']) resources.add(r);
  }
  // One statement per distinct resource list; `*` swallows specific ARNs of the same action.
  const groups = new Map<string, string[]>();
  for (const [action, resources] of [...perAction].sort(([a], [b]) => a.localeCompare(b))) {
    const list = resources.has('*') ? ['*'] : [...resources].sort();
    const key = JSON.stringify(list);
    groups.set(key, [...(groups.get(key) ?? []), action]);
  }
  const policy: GeneratedPolicy['policy'] = {
    Version: '2012-10-17',
    Statement: [...groups].map(([key, actions]) => ({ Effect: 'Allow' as const, Action: actions, Resource: JSON.parse(key) as string[] })),
  };
  const issues = policy.Statement.length ? validatePolicy(JSON.stringify(policy, null, 2), { policyType: 'IDENTITY_POLICY' }) : [];
  return { policy, events: total, matched, unknownActions: [...unknown].sort(), issues };
}
