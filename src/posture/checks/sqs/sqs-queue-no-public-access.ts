import { defineCheck } from '../../check.ts';
import { describePublic, parses, publicStatements } from '../ec2/_lib/policy.ts';
import { eachQueue } from './_lib/queues.ts';

/** FSBP SQS.3 / Config sqs-queue-no-public-access: the queue policy (Policy attribute) must not allow everyone. */
export default defineCheck({
  title: 'SQS queue access policies should not allow public access',
  severity: 'HIGH',
  resourceType: 'AWS::SQS::Queue',
  description: 'Checks that no statement of the queue policy (GetQueueAttributes → Policy) allows Principal "*" without a condition narrowing the caller (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID …).',
  risk: 'A public queue lets anyone send forged messages into your workflows or read and delete the messages.',
  remediation: {
    text: 'Replace the "*" principal with specific accounts or services, or add an aws:SourceArn / aws:SourceAccount condition.',
    console: 'SQS console → Queues → select → Access policy → Edit → narrow the Principal or add a Condition → Save.',
    cli: 'aws sqs set-queue-attributes --queue-url <url> --attributes Policy=file://policy.json',
    cloudformation: 'Type: AWS::SQS::QueuePolicy\nProperties:\n  Queues: [!Ref Queue]\n  PolicyDocument:\n    Statement:\n      - Effect: Allow\n        Principal: {Service: sns.amazonaws.com}\n        Action: sqs:SendMessage\n        Resource: !GetAtt Queue.Arn\n        Condition: {ArnEquals: {aws:SourceArn: !Ref Topic}}',
    terraform: 'resource "aws_sqs_queue_policy" "this" {\n  queue_url = aws_sqs_queue.this.id\n  policy    = data.aws_iam_policy_document.queue.json\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-using-identity-based-policies.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-3',
    'https://docs.aws.amazon.com/config/latest/developerguide/sqs-queue-no-public-access.html',
  ],
  evaluate: (context) =>
    eachQueue(context, (out, name, attributes, region, resource) => {
      const policy = attributes.Policy;
      const evidence = { api: 'sqs:GetQueueAttributes', field: 'Policy' };
      if (!policy) return out.pass(region, resource, `${name} has no queue policy`, evidence);
      if (!parses(policy)) return out.add('ERROR', region, resource, `${name}: the Policy attribute is not valid JSON`, evidence);
      const open = publicStatements(policy);
      if (open.length > 0) out.fail(region, resource, `${name} is public: ${describePublic(open)}`, evidence);
      else out.pass(region, resource, `${name}'s queue policy grants no public access`, evidence);
    }),
});
