import { listPerRegion, perResource, type RegionalList, type ResourceAnswer, type ViewContext } from './regional-calls.ts';

/** Typed view of the SQS responses in a snapshot. */
const S = 'sqs';

export function queueUrls(context: ViewContext): Array<RegionalList<string>> {
  return listPerRegion<{ QueueUrls?: string[] }, string>(context, S, 'ListQueues', (r) => r.QueueUrls);
}
/** GetQueueAttributes (All), keyed by queue URL. */
export function queueAttributes(context: ViewContext, region: string, url: string): ResourceAnswer<{ Attributes?: Record<string, string> }> {
  return perResource(context, S, 'GetQueueAttributes', region, url);
}
/** https://sqs.us-east-1.amazonaws.com/111122223333/name → arn:aws:sqs:us-east-1:111122223333:name */
export function queueArn(partition: string, region: string, account: string, url: string): string {
  const name = url.split('/').filter(Boolean).pop() ?? url;
  return `arn:${partition}:sqs:${region}:${account}:${name}`;
}
