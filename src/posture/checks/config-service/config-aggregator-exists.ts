import { aggregatorCovers, configServiceView } from '../../../inventory/views/config-service.ts';
import { defineCheck } from '../../check.ts';
import { adminAccounts, inOrganization } from '../../lib/org.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/**
 * Baseline: AWS Config data is aggregated. An aggregator in this account collecting from it
 * in every region, or an organization aggregator in the management or a delegated-admin
 * account (covering organization members), satisfies it.
 */
export default defineCheck({
  title: 'An AWS Config aggregator collects this account’s data in every region',
  severity: 'LOW',
  resourceType: 'AWS::::Account',
  description: 'Looks at config-service DescribeConfigurationAggregators in this account and in the organization’s admin accounts for an aggregator covering this account in all collected regions.',
  risk: 'Without aggregation, the security team has no single view of configuration and compliance across accounts and regions.',
  remediation: {
    text: 'Create an organization-wide aggregator (all regions) in the management or delegated-admin account.',
    console: 'AWS Config → Aggregators → Create aggregator → Add my organization → All AWS regions.',
    cli: 'aws configservice put-configuration-aggregator --configuration-aggregator-name org --organization-aggregation-source RoleArn=<role>,AllAwsRegions=true',
    terraform: 'resource "aws_config_configuration_aggregator" "org" {\n  name = "org"\n  organization_aggregation_source {\n    all_regions = true\n    role_arn    = aws_iam_role.config_aggregator.arn\n  }\n}',
  },
  references: ['https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html'],
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const member = inOrganization(ctx);
    const sources = [ctx.account.id, ...adminAccounts(ctx)];
    const evidence = { api: 'config-service:DescribeConfigurationAggregators', field: 'ConfigurationAggregators' };
    let firstError;
    for (const account of sources) {
      const view = configServiceView(ctx.snapshot, account);
      for (const region of ctx.snapshot.accounts.find((a) => a.id === account)?.regions ?? ctx.regions) {
        const aggregators = view.aggregators(region);
        if (!aggregators.ok) { firstError ??= aggregators.failed; continue; }
        const covering = aggregators.value.find((a) => ctx.regions.every((r) => aggregatorCovers(a, ctx.account.id, r, member || account === ctx.account.id)));
        if (covering) return [pass(ctx, GLOBAL, resource, `aggregator ${covering.ConfigurationAggregatorName} in account ${account} (${region}) covers this account in every region`, evidence)];
      }
    }
    if (firstError) return [failedResult(ctx, firstError, resource)];
    return [fail(ctx, GLOBAL, resource, 'no Config aggregator in this account or the organization’s admin accounts covers this account in all regions (config-service:DescribeConfigurationAggregators)', evidence)];
  },
});
