import { macie2View } from '../../../inventory/views/macie2.ts';
import { defineCheck } from '../../check.ts';
import { perRegion } from '../../lib/org.ts';
import { fail, failedResult, pass } from '../../lib/result.ts';

/** FSBP Macie.1 · CIS 2.1.3 · baseline: Amazon Macie is enabled in every region. */
export default defineCheck({
  title: 'Amazon Macie is enabled in every region',
  severity: 'MEDIUM',
  resourceType: 'AWS::::Account',
  description: 'Per region: macie2:GetMacieSession status is ENABLED.',
  risk: 'Without Macie, sensitive data in S3 (credentials, personal data) is not discovered or monitored.',
  remediation: {
    text: 'Enable Macie (organization-wide from the delegated administrator) and configure automated sensitive data discovery.',
    console: 'Amazon Macie → Get started → Enable Macie.',
    cli: 'aws macie2 enable-macie --region <region>',
    terraform: 'resource "aws_macie2_account" "main" {}',
  },
  references: ['https://docs.aws.amazon.com/macie/latest/user/getting-started.html'],
  evaluate: (ctx) =>
    perRegion(ctx, (region, resource) => {
      const session = macie2View(ctx.snapshot, ctx.account.id).session(region);
      if (!session.ok) return failedResult(ctx, session.failed, resource);
      const evidence = { api: 'macie2:GetMacieSession', field: 'status' };
      return session.value?.status === 'ENABLED'
        ? pass(ctx, region, resource, `Macie is ENABLED in ${region}`, evidence)
        : fail(ctx, region, resource, `Macie is ${session.value?.status ?? 'not enabled'} in ${region} (macie2:GetMacieSession status)`, evidence);
    }),
});
