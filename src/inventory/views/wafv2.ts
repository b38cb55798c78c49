import type { WebACLSummary } from '@aws-sdk/client-wafv2';
import { listPerRegion, perResource, type RegionalList, type ResourceAnswer, type ViewContext } from './regional-calls.ts';

/** Typed view of the WAFv2 responses in a snapshot. */
const S = 'wafv2';

/**
 * ListWebACLs per region (REGIONAL scope). CLOUDFRONT-scope ACLs are recorded in us-east-1
 * (their ARNs say `:global/webacl/`); any extra region key the collector used is read too.
 */
export function webAcls(context: ViewContext): Array<RegionalList<WebACLSummary>> {
  const recorded = context.snapshot.regionsOf(context.account.id, S, 'ListWebACLs');
  const regions = [...new Set([...context.regions, ...recorded])];
  return listPerRegion<{ WebACLs?: WebACLSummary[] }, WebACLSummary>(context, S, 'ListWebACLs', (r) => r.WebACLs, regions);
}
/** ListResourcesForWebACL, keyed by web ACL ARN. */
export function resourcesForWebAcl(context: ViewContext, region: string, arn: string): ResourceAnswer<{ ResourceArns?: string[] }> {
  return perResource(context, S, 'ListResourcesForWebACL', region, arn);
}

/**
 * The resources protected by regional web ACLs in one region: ARN → web ACL ARN; or the
 * description of the call that failed (so the caller can report ERROR, not "unprotected").
 */
export function protectedResources(context: ViewContext, region: string): { protected: Map<string, string> } | { failed: string } {
  const list = webAcls({ ...context, regions: [region] }).find((entry) => entry.region === region);
  if (!list || list.result.kind !== 'data') {
    const kind = list?.result.kind ?? 'missing';
    return { failed: kind === 'error' && list?.result.kind === 'error' ? `wafv2:ListWebACLs failed (${list.result.error.code})` : 'wafv2:ListWebACLs is not in the snapshot' };
  }
  const map = new Map<string, string>();
  for (const acl of list.items) {
    if (!acl.ARN || acl.ARN.includes(':global/')) continue;
    const answer = resourcesForWebAcl(context, region, acl.ARN);
    if (answer.result.kind !== 'data') {
      const code = answer.result.kind === 'error' || answer.result.kind === 'absent' ? answer.result.error.code : 'not in the snapshot';
      return { failed: `wafv2:ListResourcesForWebACL for ${acl.ARN} (${code})` };
    }
    for (const resource of answer.result.data.ResourceArns ?? []) map.set(resource, acl.ARN);
  }
  return { protected: map };
}
