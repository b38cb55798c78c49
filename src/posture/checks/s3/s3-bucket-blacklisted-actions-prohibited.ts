import { s3View } from '../../../inventory/views/s3.ts';
import { statements } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { asList, statementAllowsAny } from '../../lib/policy.ts';
import { bucketResource, perBucket } from '../../lib/s3.ts';
import { GLOBAL, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config s3-bucket-blacklisted-actions-prohibited · FSBP S3.6: other accounts may not manage the bucket. */
export default defineCheck({
  title: 'S3 bucket policies do not grant sensitive actions to other AWS accounts',
  severity: 'HIGH',
  resourceType: 'AWS::S3::Bucket',
  description: 'Checks bucket policy Allow statements whose principal is outside the account (or everyone) for the actions in blacklistedActionPattern.',
  risk: 'Another account that can change the bucket policy, ACLs or encryption can take the data or lock the owner out.',
  remediation: {
    text: 'Remove the listed actions from statements that grant other accounts access.',
    console: 'S3 → bucket → Permissions → Bucket policy → Edit.',
    cli: 'aws s3api put-bucket-policy --bucket <bucket> --policy file://policy.json',
    terraform: '# Limit cross-account statements in aws_s3_bucket_policy to read/write object actions.',
  },
  references: ['https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-blacklisted-actions-prohibited.html'],
  parameters: { blacklistedActionPattern: { description: 'Comma-separated actions other accounts may not be granted.', default: 's3:DeleteBucketPolicy,s3:PutBucketAcl,s3:PutBucketPolicy,s3:PutEncryptionConfiguration,s3:PutObjectAcl' } },
  evaluate: (ctx) => {
    const blocked = String(ctx.parameters.blacklistedActionPattern).split(',').map((s) => s.trim()).filter(Boolean);
    return perBucket(ctx, (bucket) => {
      const resource = bucketResource(ctx, bucket);
      const policy = s3View(ctx.snapshot, ctx.account.id).policy(bucket);
      if (!policy.ok) return failedResult(ctx, policy.failed, resource);
      const external = (principal: unknown) => {
        const aws = principal === '*' ? ['*'] : asList((principal as { AWS?: unknown } | undefined)?.AWS);
        return aws.filter((p) => p === '*' || !(p === ctx.account.id || p.includes(`:${ctx.account.id}:`)));
      };
      const found = statements(policy.value?.document)
        .filter((s) => s.Effect === 'Allow' && external(s.Principal).length > 0)
        .flatMap((s) => statementAllowsAny(s, blocked).map((a) => `${a} to ${external(s.Principal).join(', ')}`));
      const evidence = { api: 's3:GetBucketPolicy', field: 'Statement[].Principal,Action' };
      return found.length > 0
        ? fail(ctx, GLOBAL, resource, `bucket ${bucket}'s policy grants ${[...new Set(found)].join('; ')}`, evidence)
        : pass(ctx, GLOBAL, resource, `bucket ${bucket}'s policy grants no other account ${blocked.join(', ')}`, evidence);
    });
  },
});
