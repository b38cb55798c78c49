import { defineCheck } from '../../check.ts';
import { listParam } from '../ec2/_lib/results.ts';
import { eachDistribution, GLOBAL, LIST } from './_lib/distributions.ts';

/** FSBP CloudFront.6 / Config cloudfront-associated-with-waf (wafWebAclIds optional); the baseline "WAF on CloudFront". */
export default defineCheck({
  title: 'CloudFront distributions should have AWS WAF enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::CloudFront::Distribution',
  description: 'Checks that each distribution is associated with a web ACL (ListDistributions → WebACLId), and with one of wafWebAclIds when set.',
  risk: 'Without a web ACL, the edge passes injection attempts, bad bots and layer-7 floods straight to the origin.',
  remediation: {
    text: 'Associate a CLOUDFRONT-scope WAFv2 web ACL (created in us-east-1) with the distribution.',
    console: 'CloudFront console → Distributions → select → General → Settings → Edit → AWS WAF web ACL → choose → Save changes.',
    cli: 'aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://cfg.json  # with "WebACLId": "<web-acl-arn>"',
    cloudformation: 'DistributionConfig:\n  WebACLId: !GetAtt WebAcl.Arn',
    terraform: 'resource "aws_cloudfront_distribution" "this" {\n  web_acl_id = aws_wafv2_web_acl.edge.arn\n}',
  },
  references: ['https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-6', 'https://docs.aws.amazon.com/config/latest/developerguide/cloudfront-associated-with-waf.html'],
  parameters: {
    wafWebAclIds: { description: 'Comma-separated list of web ACL ARNs (WAFv2) or ids (WAF Classic) allowed (optional).', default: '' },
  },
  evaluate(context) {
    const allowed = listParam(context.parameters, 'wafWebAclIds');
    return eachDistribution(context, (out, d, resource) => {
      const acl = d.WebACLId ?? '';
      const evidence = { api: LIST, field: 'WebACLId', value: acl || null };
      if (!acl) out.fail(GLOBAL, resource, `${d.Id} has no web ACL (WebACLId is empty)`, evidence);
      else if (allowed && !allowed.includes(acl)) out.fail(GLOBAL, resource, `${d.Id} uses web ACL ${acl}, not one of ${allowed.join(', ')} (WebACLId)`, evidence);
      else out.pass(GLOBAL, resource, `${d.Id} is protected by web ACL ${acl}`, evidence);
    });
  },
});
