import { s3View } from '../../../inventory/views/s3.ts';
import { defineCheck } from '../../check.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config s3-account-level-public-access-blocks-periodic · CIS 2.1.4 · FSBP S3.1. */
export default defineCheck({
  title: 'S3 account-level Block Public Access is enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::::Account',
  description: 'Checks the account-level Block Public Access settings (s3-control:GetPublicAccessBlock) against the parameters IgnorePublicAcls, BlockPublicPolicy, BlockPublicAcls and RestrictPublicBuckets (each "True" by default); accounts in excludedAccounts are skipped.',
  risk: 'Without account-level Block Public Access, any bucket in the account can be made public by a single policy or ACL change.',
  remediation: {
    text: 'Turn on all four account-level Block Public Access settings.',
    console: 'S3 → Block Public Access settings for this account → Edit → Block all public access.',
    cli: 'aws s3control put-public-access-block --account-id <account-id> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    terraform: 'resource "aws_s3_account_public_access_block" "this" {\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html', 'https://docs.aws.amazon.com/config/latest/developerguide/s3-account-level-public-access-blocks-periodic.html'],
  parameters: {
    IgnorePublicAcls: { description: 'Require IgnorePublicAcls.', default: 'True' },
    BlockPublicPolicy: { description: 'Require BlockPublicPolicy.', default: 'True' },
    BlockPublicAcls: { description: 'Require BlockPublicAcls.', default: 'True' },
    RestrictPublicBuckets: { description: 'Require RestrictPublicBuckets.', default: 'True' },
    excludedAccounts: { description: 'Comma-separated account ids to skip.', default: '' },
  },
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const excluded = String(ctx.parameters.excludedAccounts ?? '').split(',').map((s) => s.trim());
    const evidence = { api: 's3-control:GetPublicAccessBlock', field: 'PublicAccessBlockConfiguration' };
    if (excluded.includes(ctx.account.id)) return [pass(ctx, GLOBAL, resource, 'the account is in excludedAccounts', evidence)];
    const block = s3View(ctx.snapshot, ctx.account.id).accountPublicAccessBlock();
    if (!block.ok) return [failedResult(ctx, block.failed, resource)];
    if (!block.value) return [fail(ctx, GLOBAL, resource, 'the account has no Block Public Access configuration (s3-control:GetPublicAccessBlock NoSuchPublicAccessBlockConfiguration)', evidence)];
    const wanted = (['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const).filter((k) => String(ctx.parameters[k]).toLowerCase() === 'true');
    const off = wanted.filter((k) => block.value![k] !== true);
    return off.length > 0
      ? [fail(ctx, GLOBAL, resource, `account-level Block Public Access settings off: ${off.join(', ')} (s3-control:GetPublicAccessBlock)`, evidence)]
      : [pass(ctx, GLOBAL, resource, 'account-level Block Public Access is on', evidence)];
  },
});
