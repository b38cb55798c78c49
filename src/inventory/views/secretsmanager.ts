import type { GetResourcePolicyResponse, SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { listPerRegion, perResource, type RegionalList, type ResourceAnswer, type ViewContext } from './regional-calls.ts';

/** Typed view of the Secrets Manager responses in a snapshot. */
const S = 'secrets-manager';

export function secrets(context: ViewContext): Array<RegionalList<SecretListEntry>> {
  return listPerRegion<{ SecretList?: SecretListEntry[] }, SecretListEntry>(context, S, 'ListSecrets', (r) => r.SecretList);
}
export function resourcePolicy(context: ViewContext, region: string, secret: SecretListEntry): ResourceAnswer<GetResourcePolicyResponse> {
  return perResource<GetResourcePolicyResponse>(context, S, 'GetResourcePolicy', region, secret.ARN, secret.Name);
}
