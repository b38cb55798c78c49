import { configServiceView } from '../../../inventory/views/config-service.ts';
import { defineCheck } from '../../check.ts';
import { perRegion } from '../../lib/org.ts';
import { fail, failedResult, pass } from '../../lib/result.ts';

/**
 * CIS 3.3 · FSBP Config.1: in every region a configuration recorder records all supported
 * resource types, is recording, and its last status is not FAILURE; global resource types are
 * recorded in at least one region. With requireServiceLinkedRole (FSBP), the recorder must use
 * AWSServiceRoleForConfig.
 */
export default defineCheck({
  title: 'AWS Config is enabled in all regions',
  severity: 'MEDIUM',
  resourceType: 'AWS::::Account',
  description: 'Per region: config-service DescribeConfigurationRecorders (recordingGroup.allSupported) and DescribeConfigurationRecorderStatus (recording, lastStatus).',
  risk: 'Without AWS Config, resource changes in the region are not recorded, so drift and misconfigurations cannot be traced.',
  remediation: {
    text: 'Create a configuration recorder recording all supported resources, a delivery channel, and start it in every region.',
    console: 'AWS Config → Settings → Recording method: All resource types → Save; repeat per region.',
    cli: 'aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<role> --recording-group allSupported=true,includeGlobalResourceTypes=true\naws configservice start-configuration-recorder --configuration-recorder-name default',
    terraform: 'resource "aws_config_configuration_recorder" "main" {\n  role_arn = aws_iam_service_linked_role.config.arn\n  recording_group {\n    all_supported                 = true\n    include_global_resource_types = true\n  }\n}',
  },
  references: ['https://docs.aws.amazon.com/config/latest/developerguide/gs-console.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html#config-1'],
  parameters: { requireServiceLinkedRole: { description: 'Require the recorder to use the AWS Config service-linked role (FSBP Config.1).', default: false } },
  evaluate(ctx) {
    const config = configServiceView(ctx.snapshot, ctx.account.id);
    const slr = ctx.parameters.requireServiceLinkedRole === true;
    const globalRegions = ctx.regions.filter((region) => {
      const recorders = config.recorders(region);
      return recorders.ok && recorders.value.some((r) => r.recordingGroup?.includeGlobalResourceTypes);
    });
    return perRegion(ctx, (region, resource) => {
      const recorders = config.recorders(region);
      if (!recorders.ok) return failedResult(ctx, recorders.failed, resource);
      const evidence = { api: 'config-service:DescribeConfigurationRecorders', field: 'ConfigurationRecorders[].recordingGroup' };
      if (recorders.value.length === 0) return fail(ctx, region, resource, `no configuration recorder in ${region} (config-service:DescribeConfigurationRecorders)`, evidence);
      const statuses = config.recorderStatus(region);
      if (!statuses.ok) return failedResult(ctx, statuses.failed, resource);
      const problems: string[] = [];
      for (const recorder of recorders.value) {
        const group = recorder.recordingGroup ?? {};
        const all = group.allSupported === true || group.recordingStrategy?.useOnly === 'ALL_SUPPORTED_RESOURCE_TYPES';
        const status = statuses.value.find((s) => s.name === recorder.name);
        if (!all) problems.push(`recorder ${recorder.name} does not record all supported resource types (recordingGroup.allSupported=false)`);
        else if (!status?.recording) problems.push(`recorder ${recorder.name} is not recording (DescribeConfigurationRecorderStatus recording=false)`);
        else if (status.lastStatus === 'FAILURE') problems.push(`recorder ${recorder.name} last status is FAILURE`);
        else if (slr && !/aws-service-role\/config\.amazonaws\.com\//.test(recorder.roleARN ?? '')) problems.push(`recorder ${recorder.name} does not use the service-linked role (roleARN ${recorder.roleARN})`);
        else {
          if (globalRegions.length === 0) return fail(ctx, region, resource, `recorder ${recorder.name} is recording, but no region records global resource types (includeGlobalResourceTypes=false everywhere)`, evidence);
          return pass(ctx, region, resource, `recorder ${recorder.name} records all supported resources in ${region}${globalRegions.includes(region) ? ', including global ones' : ''}`, evidence);
        }
      }
      return fail(ctx, region, resource, `${problems.join('; ')} in ${region}`, evidence);
    });
  },
});
