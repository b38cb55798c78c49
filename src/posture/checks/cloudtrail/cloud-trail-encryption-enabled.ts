import { defineCheck } from '../../check.ts';
import { trailFacts, trailResource } from '../../lib/trails.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config cloud-trail-encryption-enabled · CIS 3.5 · FSBP CloudTrail.2. */
export default defineCheck({
  title: 'CloudTrail logs are encrypted with a KMS key',
  severity: 'MEDIUM',
  resourceType: 'AWS::CloudTrail::Trail',
  description: 'Checks that every trail has KmsKeyId (SSE-KMS) set.',
  risk: 'Logs encrypted only with S3-managed keys can be read by anyone with read access to the bucket; SSE-KMS adds a key policy gate.',
  remediation: {
    text: 'Configure the trail to encrypt log files with a customer managed KMS key.',
    console: 'CloudTrail → Trails → trail → General details → Edit → Log file SSE-KMS encryption: Enabled.',
    cli: 'aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn>',
    terraform: 'resource "aws_cloudtrail" "main" {\n  kms_key_id = aws_kms_key.trail.arn\n}',
  },
  references: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html', 'https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-encryption-enabled.html'],
  evaluate(ctx) {
    const { facts, failures } = trailFacts(ctx);
    if (failures.length > 0) return [failedResult(ctx, failures[0]!, accountResource(ctx))];
    const evidence = { api: 'cloudtrail:DescribeTrails', field: 'KmsKeyId' };
    if (facts.length === 0) return [fail(ctx, GLOBAL, accountResource(ctx), 'the account has no CloudTrail trail (cloudtrail:DescribeTrails trailList empty)', evidence)];
    return facts.map(({ trail }) => {
      const resource = trailResource(ctx, trail);
      return trail.KmsKeyId
        ? pass(ctx, GLOBAL, resource, `trail ${trail.Name} encrypts logs with ${trail.KmsKeyId}`, evidence)
        : fail(ctx, GLOBAL, resource, `trail ${trail.Name} has no KmsKeyId (cloudtrail:DescribeTrails KmsKeyId)`, evidence);
    });
  },
});
