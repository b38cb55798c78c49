import { inspector2View } from '../../../inventory/views/inspector2.ts';
import { defineCheck } from '../../check.ts';
import { perRegion } from '../../lib/org.ts';
import { fail, failedResult, pass } from '../../lib/result.ts';

/** FSBP Inspector.4 · baseline: Amazon Inspector Lambda standard scanning is enabled in every region. */
export default defineCheck({
  title: 'Amazon Inspector Lambda standard scanning is enabled in every region',
  severity: 'HIGH',
  resourceType: 'AWS::::Account',
  description: 'Per region: inspector2:BatchGetAccountStatus resourceState.lambda.status is ENABLED.',
  risk: 'Without it, known vulnerabilities in Lambda function dependencies are not reported.',
  remediation: {
    text: 'Activate Amazon Inspector Lambda standard scanning (organization-wide from the delegated administrator).',
    console: 'Amazon Inspector → Account management → select accounts → Activate → Lambda standard scanning.',
    cli: 'aws inspector2 enable --resource-types LAMBDA --region <region>',
    terraform: 'resource "aws_inspector2_enabler" "this" {\n  account_ids    = [data.aws_caller_identity.current.account_id]\n  resource_types = ["LAMBDA"]\n}',
  },
  references: ['https://docs.aws.amazon.com/inspector/latest/user/getting_started_tutorial.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/inspector-controls.html'],
  evaluate: (ctx) =>
    perRegion(ctx, (region, resource) => {
      const status = inspector2View(ctx.snapshot, ctx.account.id).accountStatus(region, ctx.account.id);
      if (!status.ok) return failedResult(ctx, status.failed, resource);
      const evidence = { api: 'inspector2:BatchGetAccountStatus', field: 'accounts[].resourceState.lambda.status' };
      const value = status.value?.resourceState?.['lambda']?.status;
      return value === 'ENABLED'
        ? pass(ctx, region, resource, 'Inspector Lambda standard scanning is ENABLED in ' + region, evidence)
        : fail(ctx, region, resource, 'Inspector Lambda standard scanning is ' + (value ?? 'not enabled') + ' in ' + region + ' (inspector2:BatchGetAccountStatus resourceState.lambda.status)', evidence);
    }),
});
