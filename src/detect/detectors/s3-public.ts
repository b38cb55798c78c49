import type { LogEvent } from '../../logs/types.ts';
import { accountOf, actorOf, eventIdOf, regionOf, timeOf } from '../event.ts';
import type { Detector, DetectorContext } from '../types.ts';

/**
 * Buckets opened to the public through an ACL (grants to the AllUsers or AuthenticatedUsers
 * groups, canned ACLs public-read/public-read-write/authenticated-read) or a bucket policy
 * with an unconditioned `Principal: "*"` Allow. Reading ACL grants and policy JSON needs code.
 */
const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTH_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

export class S3Public implements Detector {
  readonly id = 's3-public';
  readonly kinds = ['cloudtrail'] as const;
  readonly eventSources = ['s3.amazonaws.com'];

  observe(event: LogEvent, ctx: DetectorContext): void {
    if (event.kind !== 'cloudtrail') return;
    const r = event.record;
    if (r.eventSource !== 's3.amazonaws.com' || r.errorCode) return;
    if (r.eventName !== 'PutBucketAcl' && r.eventName !== 'PutBucketPolicy' && r.eventName !== 'CreateBucket') return;
    const params = (r.requestParameters ?? {}) as Record<string, unknown>;
    const bucket = String(params.bucketName ?? 'unknown');
    let type: string | undefined;
    let reason = '';
    const text = JSON.stringify(params);
    const canned = [params['x-amz-acl']].flat().map(String);
    if (text.includes(ALL_USERS) || canned.some((c) => c === 'public-read' || c === 'public-read-write')) {
      type = 'Policy:S3/BucketAnonymousAccessGranted';
      reason = 'ACL grants access to AllUsers';
    } else if (text.includes(AUTH_USERS) || canned.includes('authenticated-read')) {
      type = 'Policy:S3/BucketPublicAccessGranted';
      reason = 'ACL grants access to AuthenticatedUsers (any AWS account)';
    } else if (r.eventName === 'PutBucketPolicy' && policyIsPublic(params.bucketPolicy)) {
      type = 'Policy:S3/BucketAnonymousAccessGranted';
      reason = 'bucket policy allows Principal "*" without a condition';
    }
    if (!type) return;
    ctx.emit({
      type, account: accountOf(r), region: regionOf(r), actor: actorOf(r),
      resource: { type: 'AWS::S3::Bucket', id: `arn:aws:s3:::${bucket}`, name: bucket },
      time: timeOf(r), eventId: eventIdOf(r, event.ref),
      details: { reason, sourceIPAddress: r.sourceIPAddress },
    });
  }
}

function policyIsPublic(policy: unknown): boolean {
  let doc = policy;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return false;
    }
  }
  const statements = (doc as { Statement?: unknown } | undefined)?.Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  return (list as Array<Record<string, unknown>>).some((st) => {
    if (st.Effect !== 'Allow' || st.Condition) return false;
    const p = st.Principal;
    return p === '*' || (p !== null && typeof p === 'object' && [(p as Record<string, unknown>).AWS].flat().includes('*'));
  });
}
