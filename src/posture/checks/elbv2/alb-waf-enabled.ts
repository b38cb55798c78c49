import { protectedResources } from '../../../inventory/views/wafv2.ts';
import { defineCheck } from '../../check.ts';
import { eachLoadBalancer } from './_lib/load-balancers.ts';

/**
 * Baseline practice (FSBP ELB.16 / Config alb-waf-enabled, for internet-facing ALBs): a public
 * Application Load Balancer must be associated with a WAFv2 web ACL (wafv2 ListWebACLs +
 * ListResourcesForWebACL). Internal ALBs are NOT_APPLICABLE.
 */
export default defineCheck({
  title: 'Internet-facing Application Load Balancers should be protected by an AWS WAF web ACL',
  severity: 'MEDIUM',
  resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  description: 'Checks that every internet-facing ALB (DescribeLoadBalancers → Scheme) appears in the ResourceArns of a regional WAFv2 web ACL (ListResourcesForWebACL).',
  risk: 'Without a web ACL, a public application takes injection, bot and layer-7 flood traffic directly, with no managed rules or rate limits in front.',
  remediation: {
    text: 'Associate the ALB with a regional WAFv2 web ACL that uses the AWS managed core rule set and a rate-based rule.',
    console: 'WAF & Shield console → Web ACLs → select the ACL (Regional, same region) → Associated AWS resources → Add AWS resources → Application Load Balancer → select → Add.',
    cli: 'aws wafv2 associate-web-acl --web-acl-arn <acl-arn> --resource-arn <alb-arn>',
    cloudformation: 'Type: AWS::WAFv2::WebACLAssociation\nProperties:\n  ResourceArn: !Ref LoadBalancer\n  WebACLArn: !GetAtt WebAcl.Arn',
    terraform: 'resource "aws_wafv2_web_acl_association" "alb" {\n  resource_arn = aws_lb.this.arn\n  web_acl_arn  = aws_wafv2_web_acl.this.arn\n}',
  },
  references: [
    'https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-16',
    'https://docs.aws.amazon.com/config/latest/developerguide/alb-waf-enabled.html',
  ],
  evaluate(context) {
    const byRegion = new Map<string, ReturnType<typeof protectedResources>>();
    return eachLoadBalancer(context, ['application'], (out, lb, region, resource) => {
      if (lb.Scheme !== 'internet-facing') return out.notApplicable(region, resource, `${lb.LoadBalancerName} is internal (Scheme = ${lb.Scheme ?? 'unknown'})`);
      if (!byRegion.has(region)) byRegion.set(region, protectedResources(context, region));
      const waf = byRegion.get(region)!;
      if ('failed' in waf) return out.add('ERROR', region, resource, `${waf.failed}: whether ${lb.LoadBalancerName} has a web ACL is unknown`, { api: 'wafv2:ListResourcesForWebACL' });
      const acl = waf.protected.get(lb.LoadBalancerArn ?? '');
      const evidence = { api: 'wafv2:ListResourcesForWebACL', field: 'ResourceArns', webAcl: acl ?? null };
      if (acl) out.pass(region, resource, `${lb.LoadBalancerName} is protected by web ACL ${acl}`, evidence);
      else out.fail(region, resource, `${lb.LoadBalancerName} is internet-facing and no regional web ACL lists it in ResourceArns`, evidence);
    });
  },
});
