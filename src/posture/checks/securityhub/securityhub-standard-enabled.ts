import { securityhubView } from '../../../inventory/views/securityhub.ts';
import { defineCheck } from '../../check.ts';
import { perRegion } from '../../lib/org.ts';
import { fail, failedResult, pass } from '../../lib/result.ts';

/** Baseline: Security Hub has at least one security standard enabled (READY) in every region. */
export default defineCheck({
  title: 'Security Hub has a security standard enabled in every region',
  severity: 'MEDIUM',
  resourceType: 'AWS::::Account',
  description: 'Per region: securityhub:GetEnabledStandards lists a subscription with StandardsStatus READY (e.g. AWS Foundational Security Best Practices or CIS).',
  risk: 'Security Hub without a standard only aggregates findings; no controls evaluate the account.',
  remediation: {
    text: 'Enable AWS Foundational Security Best Practices (and CIS) in Security Hub.',
    console: 'Security Hub → Security standards → Enable AWS Foundational Security Best Practices.',
    cli: 'aws securityhub batch-enable-standards --standards-subscription-requests StandardsArn=arn:aws:securityhub:<region>::standards/aws-foundational-security-best-practices/v/1.0.0',
    terraform: 'resource "aws_securityhub_standards_subscription" "fsbp" {\n  standards_arn = "arn:aws:securityhub:${var.region}::standards/aws-foundational-security-best-practices/v/1.0.0"\n}',
  },
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-standards.html'],
  evaluate: (ctx) =>
    perRegion(ctx, (region, resource) => {
      const view = securityhubView(ctx.snapshot, ctx.account.id);
      const hub = view.hub(region);
      if (!hub.ok) return failedResult(ctx, hub.failed, resource);
      const evidence = { api: 'securityhub:GetEnabledStandards', field: 'StandardsSubscriptions[].StandardsStatus' };
      if (!hub.value) return fail(ctx, region, resource, `Security Hub is not enabled in ${region}, so no standard is (securityhub:DescribeHub)`, evidence);
      const standards = view.enabledStandards(region);
      if (!standards.ok) return failedResult(ctx, standards.failed, resource);
      const ready = standards.value.filter((s) => s.StandardsStatus === 'READY');
      return ready.length > 0
        ? pass(ctx, region, resource, `${ready.length} standard(s) enabled in ${region}: ${ready.map((s) => s.StandardsArn?.split('/').slice(-3).join('/')).join(', ')}`, evidence)
        : fail(ctx, region, resource, `Security Hub in ${region} has no READY standard (securityhub:GetEnabledStandards)`, evidence);
    }),
});
