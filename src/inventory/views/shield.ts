import type { GetSubscriptionStateResponse } from '@aws-sdk/client-shield';
import { regionalCall, type ViewContext } from './regional-calls.ts';

/** Typed view of the Shield response in a snapshot (global, recorded in us-east-1). */
export const SHIELD_REGION = 'us-east-1';
export function subscriptionState(context: ViewContext) {
  return regionalCall<GetSubscriptionStateResponse>(context, 'shield', 'GetSubscriptionState', SHIELD_REGION);
}
