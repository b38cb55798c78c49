import type { Snapshot } from '../snapshot.ts';
import { got, memoView, type Got } from './account.ts';
import { decodePolicy, type PolicyDocument } from './iam.ts';

/** SNS topics per region, with attributes and subscriptions per topic ARN. */

export interface Subscription {
  SubscriptionArn?: string;
  Protocol?: string;
  Endpoint?: string;
}

export interface SnsView {
  topics(region: string): Got<string[]>;
  attributes(region: string, topicArn: string): Got<{ raw: Record<string, string>; policy: PolicyDocument | undefined }>;
  subscriptions(region: string, topicArn: string): Got<Subscription[]>;
}

export const snsView = memoView((snapshot: Snapshot, accountId: string): SnsView => ({
  topics: (region) => got('sns', 'ListTopics', region, snapshot.call<any>(accountId, 'sns', 'ListTopics', region), (d) => (d.Topics ?? []).map((t: { TopicArn?: string }) => t.TopicArn ?? '')),
  attributes: (region, arn) =>
    got('sns', 'GetTopicAttributes', region, snapshot.resourceCall<any>(accountId, 'sns', 'GetTopicAttributes', region, arn), (d) => ({
      raw: d.Attributes ?? {},
      policy: decodePolicy(d.Attributes?.Policy),
    })),
  subscriptions: (region, arn) =>
    got('sns', 'ListSubscriptionsByTopic', region, snapshot.resourceCall<any>(accountId, 'sns', 'ListSubscriptionsByTopic', region, arn), (d) => d.Subscriptions ?? []),
}));

/** A confirmed subscription has a real ARN (unconfirmed ones read "PendingConfirmation"). */
export function isConfirmed(subscription: Subscription): boolean {
  return /^arn:[^:]+:sns:/.test(subscription.SubscriptionArn ?? '');
}
