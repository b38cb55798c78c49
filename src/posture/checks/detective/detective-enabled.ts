import { detectiveView } from '../../../inventory/views/detective.ts';
import { defineCheck } from '../../check.ts';
import { adminAccounts, perRegion } from '../../lib/org.ts';
import { fail, failedResult, pass } from '../../lib/result.ts';

/** Baseline: Amazon Detective has a behavior graph in every region (own, or the delegated administrator's). */
export default defineCheck({
  title: 'Amazon Detective is enabled in every region',
  severity: 'LOW',
  resourceType: 'AWS::::Account',
  description: 'Per region: detective:ListGraphs returns a behavior graph in this account or in the organization’s Detective administrator.',
  risk: 'Without Detective, investigating a GuardDuty finding means hand-correlating CloudTrail, flow logs and EKS audit logs.',
  remediation: {
    text: 'Enable Detective in every region (organization-wide from the delegated administrator).',
    console: 'Amazon Detective → Get started → Enable Amazon Detective.',
    cli: 'aws detective create-graph --region <region>',
    terraform: 'resource "aws_detective_graph" "main" {}',
  },
  references: ['https://docs.aws.amazon.com/detective/latest/adminguide/detective-setup.html'],
  evaluate: (ctx) =>
    perRegion(ctx, (region, resource) => {
      const graphs = detectiveView(ctx.snapshot, ctx.account.id).graphs(region);
      const evidence = { api: 'detective:ListGraphs', field: 'GraphList' };
      if (graphs.ok && graphs.value.length > 0) return pass(ctx, region, resource, `Detective graph ${graphs.value[0]!.Arn} exists in ${region}`, evidence);
      for (const admin of adminAccounts(ctx)) {
        const theirs = detectiveView(ctx.snapshot, admin).graphs(region);
        if (theirs.ok && theirs.value.length > 0) return pass(ctx, region, resource, `the administrator account ${admin} has a Detective graph in ${region}`, evidence);
      }
      if (!graphs.ok) return failedResult(ctx, graphs.failed, resource);
      return fail(ctx, region, resource, `no Detective behavior graph in ${region} (detective:ListGraphs GraphList empty)`, evidence);
    }),
});
