import { arn, instances, nameTag } from '../../../inventory/views/ec2.ts';
import { defineCheck } from '../../check.ts';
import { daysBetween, intParam, Results } from './_lib/results.ts';

/**
 * FSBP EC2.4 / Config ec2-stopped-instance: NON_COMPLIANT when an instance has been stopped for
 * more than allowedDays. The stop time comes from StateTransitionReason ("User initiated
 * (2024-01-01 10:00:00 GMT)"), which is where DescribeInstances records it.
 */
export default defineCheck({
  title: 'Stopped EC2 instances should be removed after a specified time period',
  severity: 'MEDIUM',
  resourceType: 'AWS::EC2::Instance',
  description: 'Checks whether instances have been in the stopped state longer than allowedDays (DescribeInstances → State.Name and the time in StateTransitionReason).',
  risk: 'Long-stopped instances keep old, unpatched software and attached credentials that come back the moment someone starts them, and hide from patch and vulnerability scans.',
  remediation: {
    text: 'Terminate instances that stay stopped beyond the allowed period (after snapshotting data you need).',
    console: 'EC2 console → Instances → filter Instance state = stopped → select → Instance state → Terminate instance.',
    cli: 'aws ec2 terminate-instances --instance-ids <id>',
    terraform: '# Remove the aws_instance resource (or set count = 0) for instances no longer needed.',
  },
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Stop_Start.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-4',
    'https://docs.aws.amazon.com/config/latest/developerguide/ec2-stopped-instance.html',
  ],
  parameters: {
    allowedDays: { description: 'Number of days an EC2 instance may stay stopped before it is NON_COMPLIANT.', default: 30 },
  },
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::Instance');
    const allowedDays = intParam(context.parameters, 'allowedDays') ?? 30;
    out.each(instances(context), (instance, region) => {
      const state = instance.State?.Name;
      if (state === 'terminated' || state === 'shutting-down') return;
      const resource = { type: 'AWS::EC2::Instance', id: arn(out.partition, region, out.accountId, 'instance', instance.InstanceId ?? ''), name: nameTag(instance.Tags) };
      if (state !== 'stopped') {
        out.pass(region, resource, `${instance.InstanceId} is ${state ?? 'not stopped'}`, { api: 'ec2:DescribeInstances', field: 'State.Name', value: state ?? null });
        return;
      }
      const match = /\((\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) GMT\)/.exec(instance.StateTransitionReason ?? '');
      const evidence = { api: 'ec2:DescribeInstances', field: 'StateTransitionReason', value: instance.StateTransitionReason ?? null };
      if (!match) {
        out.add('ERROR', region, resource, `${instance.InstanceId} is stopped but StateTransitionReason does not say since when ("${instance.StateTransitionReason ?? ''}")`, evidence);
        return;
      }
      const stoppedAt = new Date(`${match[1]!.replace(' ', 'T')}Z`);
      const days = daysBetween(stoppedAt, context.now);
      if (days > allowedDays) out.fail(region, resource, `${instance.InstanceId} has been stopped since ${stoppedAt.toISOString()} (${Math.floor(days)} days > allowedDays ${allowedDays})`, evidence);
      else out.pass(region, resource, `${instance.InstanceId} has been stopped for ${Math.floor(days)} days (allowedDays ${allowedDays})`, evidence);
    });
    return out.list;
  },
});
