import { subscriptionState } from '../../../inventory/views/shield.ts';
import { defineCheck } from '../../check.ts';
import { Results } from '../ec2/_lib/results.ts';

/**
 * Baseline (for accounts with internet-facing workloads that need DDoS response): Shield Advanced
 * subscription state (GetSubscriptionState → SubscriptionState). One result per account, global.
 */
export default defineCheck({
  title: 'AWS Shield Advanced should be active for accounts with internet-facing workloads',
  severity: 'LOW',
  resourceType: 'AWS::::Account',
  description: 'Reports whether the account subscribes to AWS Shield Advanced (shield:GetSubscriptionState → SubscriptionState = ACTIVE). Shield Standard protects every account; Advanced adds DDoS response, cost protection and layer-7 mitigations.',
  risk: 'Without Shield Advanced, large or application-layer DDoS attacks are handled without the Shield Response Team, automatic layer-7 mitigation, or protection against the scaling costs they cause.',
  remediation: {
    text: 'Subscribe to Shield Advanced (a one-year commitment per organization) and add protections for public resources, where the business case justifies it.',
    console: 'WAF & Shield console → AWS Shield → Getting started → Subscribe to Shield Advanced → accept the terms → Subscribe; then Protected resources → Add resources to protect.',
    cli: 'aws shield create-subscription\naws shield create-protection --name alb --resource-arn <alb-arn>',
    cloudformation: 'Type: AWS::Shield::Protection\nProperties:\n  Name: alb\n  ResourceArn: !Ref LoadBalancer',
    terraform: 'resource "aws_shield_protection" "alb" {\n  name         = "alb"\n  resource_arn = aws_lb.this.arn\n}',
  },
  references: ['https://docs.aws.amazon.com/waf/latest/developerguide/ddos-advanced-summary.html', 'https://docs.aws.amazon.com/config/latest/developerguide/shield-advanced-enabled-autorenew.html'],
  evaluate(context) {
    const out = new Results(context, 'AWS::::Account');
    const resource = { type: 'AWS::::Account', id: context.account.id };
    const state = subscriptionState(context);
    if (state.kind !== 'data') {
      out.unavailable('global', resource, 'shield', 'GetSubscriptionState', state);
      return out.list;
    }
    const value = state.data.SubscriptionState ?? 'INACTIVE';
    const evidence = { api: 'shield:GetSubscriptionState', field: 'SubscriptionState', value };
    if (value === 'ACTIVE') out.pass('global', resource, 'Shield Advanced is active', evidence);
    else out.fail('global', resource, `Shield Advanced is not active (SubscriptionState = ${value})`, evidence);
    return out.list;
  },
});
