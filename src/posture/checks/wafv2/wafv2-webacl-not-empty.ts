import { perResource } from '../../../inventory/views/regional-calls.ts';
import { webAcls } from '../../../inventory/views/wafv2.ts';
import { defineCheck } from '../../check.ts';
import { Results } from '../ec2/_lib/results.ts';

/**
 * FSBP WAF.10 / Config wafv2-webacl-not-empty: a web ACL must contain at least one rule or rule
 * group (GetWebACL → WebACL.Rules, keyed by web ACL ARN). ListWebACLs does not return the rules,
 * so without GetWebACL in the snapshot the result is ERROR.
 */
export default defineCheck({
  title: 'AWS WAF web ACLs should have at least one rule or rule group',
  severity: 'MEDIUM',
  resourceType: 'AWS::WAFv2::WebACL',
  description: 'Checks that each WAFv2 web ACL, regional or CloudFront, has at least one rule or rule group (GetWebACL → WebACL.Rules).',
  risk: 'An empty web ACL only applies its default action: it looks like protection while inspecting nothing.',
  remediation: {
    text: 'Add rules: at least the AWS managed core rule set and a rate-based rule.',
    console: 'WAF & Shield console → Web ACLs → select → Rules → Add rules → Add managed rule groups → AWS managed rule groups → Core rule set → Add rules → Save.',
    cli: 'aws wafv2 update-web-acl --name <name> --scope REGIONAL --id <id> --lock-token <token> --default-action Allow={} --rules file://rules.json --visibility-config ...',
    cloudformation: 'Rules:\n  - Name: core\n    Priority: 0\n    Statement:\n      ManagedRuleGroupStatement: {VendorName: AWS, Name: AWSManagedRulesCommonRuleSet}\n    OverrideAction: {None: {}}\n    VisibilityConfig: {SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: core}',
    terraform: 'rule {\n  name     = "core"\n  priority = 0\n  override_action {\n    none {}\n  }\n  statement {\n    managed_rule_group_statement {\n      vendor_name = "AWS"\n      name        = "AWSManagedRulesCommonRuleSet"\n    }\n  }\n  visibility_config {\n    sampled_requests_enabled   = true\n    cloudwatch_metrics_enabled = true\n    metric_name                = "core"\n  }\n}',
  },
  references: ['https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-editing.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/waf-controls.html#waf-10', 'https://docs.aws.amazon.com/config/latest/developerguide/wafv2-webacl-not-empty.html'],
  evaluate(context) {
    const out = new Results(context, 'AWS::WAFv2::WebACL');
    out.each(webAcls(context), (acl, region) => {
      const arn = acl.ARN ?? '';
      const resultRegion = arn.includes(':global/') ? 'global' : region;
      const resource = { type: 'AWS::WAFv2::WebACL', id: arn, name: acl.Name };
      const answer = perResource<{ WebACL?: { Rules?: Array<{ Name?: string }> } }>(context, 'wafv2', 'GetWebACL', region, arn);
      if (answer.result.kind !== 'data') return out.unanswered(resultRegion, resource, answer);
      const rules = answer.result.data.WebACL?.Rules ?? [];
      const evidence = { api: 'wafv2:GetWebACL', field: 'WebACL.Rules', count: rules.length };
      if (rules.length > 0) out.pass(resultRegion, resource, `${acl.Name} has ${rules.length} rule(s)`, evidence);
      else out.fail(resultRegion, resource, `${acl.Name} has no rules or rule groups (WebACL.Rules is empty)`, evidence);
    });
    return out.list;
  },
});
