import { defineCheck } from '../../check.ts';
import { eachQueue } from './_lib/queues.ts';

/** FSBP SQS.1 / Config sqs-queue-encrypted: SSE-SQS (SqsManagedSseEnabled) or SSE-KMS (KmsMasterKeyId). */
export default defineCheck({
  title: 'SQS queues should be encrypted at rest',
  severity: 'MEDIUM',
  resourceType: 'AWS::SQS::Queue',
  description: 'Checks that each queue encrypts messages at rest, with SQS-managed keys or a KMS key (GetQueueAttributes → SqsManagedSseEnabled, KmsMasterKeyId).',
  risk: 'Messages often carry personal data or secrets; unencrypted queues keep them readable in storage.',
  remediation: {
    text: 'Enable server-side encryption (SSE-SQS, or SSE-KMS for key-level access control).',
    console: 'SQS console → Queues → select → Edit → Encryption → Server-side encryption: Enabled → key type → Save.',
    cli: 'aws sqs set-queue-attributes --queue-url <url> --attributes SqsManagedSseEnabled=true',
    cloudformation: 'Type: AWS::SQS::Queue\nProperties:\n  SqsManagedSseEnabled: true',
    terraform: 'resource "aws_sqs_queue" "this" {\n  sqs_managed_sse_enabled = true\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-1',
    'https://docs.aws.amazon.com/config/latest/developerguide/sqs-queue-encrypted.html',
  ],
  evaluate: (context) =>
    eachQueue(context, (out, name, attributes, region, resource) => {
      const managed = attributes.SqsManagedSseEnabled === 'true';
      const kms = attributes.KmsMasterKeyId;
      const evidence = { api: 'sqs:GetQueueAttributes', field: 'SqsManagedSseEnabled, KmsMasterKeyId', sqsManaged: managed, kmsKey: kms ?? null };
      if (kms) out.pass(region, resource, `${name} is encrypted with KMS key ${kms}`, evidence);
      else if (managed) out.pass(region, resource, `${name} is encrypted with SQS-managed keys`, evidence);
      else out.fail(region, resource, `${name} is not encrypted at rest (SqsManagedSseEnabled = ${attributes.SqsManagedSseEnabled ?? 'unset'}, no KmsMasterKeyId)`, evidence);
    }),
});
