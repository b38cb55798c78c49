import { accessanalyzerView } from '../../../inventory/views/accessanalyzer.ts';
import { defineCheck } from '../../check.ts';
import { adminAccounts, inOrganization, perRegion } from '../../lib/org.ts';
import { fail, failedResult, pass } from '../../lib/result.ts';

/** CIS 1.19 · baseline: an ACTIVE external-access analyzer (account or organization zone of trust) in every region. */
export default defineCheck({
  title: 'IAM Access Analyzer is enabled in every region',
  severity: 'MEDIUM',
  resourceType: 'AWS::::Account',
  description: 'Per region: accessanalyzer:ListAnalyzers has an ACTIVE analyzer of type ACCOUNT or ORGANIZATION; an ORGANIZATION analyzer in the management or delegated-admin account covers members.',
  risk: 'Without an analyzer, resources shared with outside accounts or the public go unnoticed.',
  remediation: {
    text: 'Create an external-access analyzer in every region (organization analyzer from the delegated administrator).',
    console: 'IAM → Access analyzer → Create analyzer → Zone of trust: current organization or account.',
    cli: 'aws accessanalyzer create-analyzer --analyzer-name external --type ORGANIZATION --region <region>',
    terraform: 'resource "aws_accessanalyzer_analyzer" "org" {\n  analyzer_name = "external"\n  type          = "ORGANIZATION"\n}',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html'],
  evaluate: (ctx) =>
    perRegion(ctx, (region, resource) => {
      const own = accessanalyzerView(ctx.snapshot, ctx.account.id).analyzers(region);
      const evidence = { api: 'accessanalyzer:ListAnalyzers', field: 'analyzers[].status' };
      const active = own.ok ? own.value.find((a) => a.status === 'ACTIVE' && (a.type === 'ACCOUNT' || a.type === 'ORGANIZATION')) : undefined;
      if (active) return pass(ctx, region, resource, `analyzer ${active.name} (${active.type}) is ACTIVE in ${region}`, evidence);
      if (inOrganization(ctx)) {
        for (const admin of adminAccounts(ctx)) {
          const theirs = accessanalyzerView(ctx.snapshot, admin).analyzers(region);
          const org = theirs.ok ? theirs.value.find((a) => a.status === 'ACTIVE' && a.type === 'ORGANIZATION') : undefined;
          if (org) return pass(ctx, region, resource, `organization analyzer ${org.name} in account ${admin} covers ${region}`, evidence);
        }
      }
      if (!own.ok) return failedResult(ctx, own.failed, resource);
      return fail(ctx, region, resource, `no ACTIVE external-access analyzer in ${region} (accessanalyzer:ListAnalyzers)`, evidence);
    }),
});
