import { macie2View } from '../../../inventory/views/macie2.ts';
import { defineCheck } from '../../check.ts';
import { perRegion } from '../../lib/org.ts';
import { fail, failedResult, pass } from '../../lib/result.ts';

/** FSBP Macie.2: Macie automated sensitive data discovery is enabled. */
export default defineCheck({
  title: 'Macie automated sensitive data discovery is enabled',
  severity: 'HIGH',
  resourceType: 'AWS::::Account',
  description: 'Per region: macie2:GetAutomatedDiscoveryConfiguration status is ENABLED (Macie itself must be enabled).',
  risk: 'Without automated discovery, Macie only finds sensitive data in buckets someone thought to scan.',
  remediation: {
    text: 'Turn on automated sensitive data discovery in Macie.',
    console: 'Amazon Macie → Settings → Automated discovery → Enable.',
    cli: 'aws macie2 update-automated-discovery-configuration --status ENABLED --region <region>',
    terraform: 'resource "aws_macie2_classification_export_configuration" "this" {} # plus automated discovery enabled via the console or API',
  },
  references: ['https://docs.aws.amazon.com/macie/latest/user/discovery-asdd.html'],
  evaluate: (ctx) =>
    perRegion(ctx, (region, resource) => {
      const view = macie2View(ctx.snapshot, ctx.account.id);
      const session = view.session(region);
      if (!session.ok) return failedResult(ctx, session.failed, resource);
      if (session.value?.status !== 'ENABLED') return fail(ctx, region, resource, `Macie is not enabled in ${region} (macie2:GetMacieSession)`, { api: 'macie2:GetMacieSession', field: 'status' });
      const discovery = view.automatedDiscovery(region);
      if (!discovery.ok) return failedResult(ctx, discovery.failed, resource);
      const evidence = { api: 'macie2:GetAutomatedDiscoveryConfiguration', field: 'status' };
      return discovery.value?.status === 'ENABLED'
        ? pass(ctx, region, resource, `automated sensitive data discovery is ENABLED in ${region}`, evidence)
        : fail(ctx, region, resource, `automated sensitive data discovery is ${discovery.value?.status ?? 'DISABLED'} in ${region}`, evidence);
    }),
});
