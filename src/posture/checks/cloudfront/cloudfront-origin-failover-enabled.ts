import { defineCheck } from '../../check.ts';
import { eachDistribution, GLOBAL, LIST } from './_lib/distributions.ts';

/** FSBP CloudFront.4 / Config cloudfront-origin-failover-enabled: an origin group with two origins. */
export default defineCheck({
  title: 'CloudFront distributions should have origin failover configured',
  severity: 'LOW',
  resourceType: 'AWS::CloudFront::Distribution',
  description: 'Checks that the distribution has an origin group with at least two origins (ListDistributions → OriginGroups.Items[].Members.Quantity).',
  risk: 'With a single origin, an origin outage takes the whole site down.',
  remediation: {
    text: 'Create an origin group with a primary and a secondary origin and route the behavior to it.',
    console: 'CloudFront console → Distributions → select → Origins → Create origin group → add two origins and failover status codes → Create; then point the behavior at the group.',
    cli: 'aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://cfg-with-origin-group.json',
    cloudformation: 'OriginGroups:\n  Quantity: 1\n  Items:\n    - Id: failover\n      FailoverCriteria: {StatusCodes: {Quantity: 2, Items: [500, 503]}}\n      Members: {Quantity: 2, Items: [{OriginId: primary}, {OriginId: secondary}]}',
    terraform: 'origin_group {\n  origin_id = "failover"\n  failover_criteria { status_codes = [500, 503] }\n  member { origin_id = "primary" }\n  member { origin_id = "secondary" }\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-4', 'https://docs.aws.amazon.com/config/latest/developerguide/cloudfront-origin-failover-enabled.html'],
  evaluate: (context) =>
    eachDistribution(context, (out, d, resource) => {
      const groups = d.OriginGroups?.Items ?? [];
      const good = groups.find((g) => (g.Members?.Quantity ?? g.Members?.Items?.length ?? 0) >= 2);
      const evidence = { api: LIST, field: 'OriginGroups', groups: groups.length };
      if (good) out.pass(GLOBAL, resource, `${d.Id} has origin group ${good.Id} with ${good.Members?.Quantity ?? good.Members?.Items?.length} origins`, evidence);
      else out.fail(GLOBAL, resource, groups.length === 0 ? `${d.Id} has no origin group (OriginGroups.Quantity = 0)` : `${d.Id} has no origin group with two origins`, evidence);
    }),
});
