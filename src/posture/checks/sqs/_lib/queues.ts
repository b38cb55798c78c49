import { queueArn, queueAttributes, queueUrls } from '../../../../inventory/views/sqs.ts';
import type { ResourceRef } from '../../../../core/finding.ts';
import type { CheckContext, CheckResult } from '../../../check.ts';
import { Results } from '../../ec2/_lib/results.ts';

/** Walks the queues (ListQueues) with their attributes (GetQueueAttributes per queue URL). */
export function eachQueue(context: CheckContext, visit: (out: Results, name: string, attributes: Record<string, string>, region: string, resource: ResourceRef) => void): CheckResult[] {
  const out = new Results(context, 'AWS::SQS::Queue');
  out.each(queueUrls(context), (url, region) => {
    const name = url.split('/').filter(Boolean).pop() ?? url;
    const resource = { type: 'AWS::SQS::Queue', id: queueArn(out.partition, region, out.accountId, url), name };
    const answer = queueAttributes(context, region, url);
    if (answer.result.kind !== 'data') return out.unanswered(region, resource, answer);
    const attributes = answer.result.data.Attributes ?? {};
    visit(out, name, attributes, region, attributes.QueueArn ? { ...resource, id: attributes.QueueArn } : resource);
  });
  return out.list;
}
