import type { FlowLog } from '@aws-sdk/client-ec2';
import { arn, flowLogs, nameTag, vpcs } from '../../../inventory/views/ec2.ts';
import { defineCheck } from '../../check.ts';
import { Results, stringParam } from './_lib/results.ts';

/**
 * CIS 3.7 / FSBP EC2.6 / Config vpc-flow-logs-enabled: every VPC has a flow log (ResourceId =
 * VpcId). With trafficType set, the flow log must capture that traffic type; a flow log
 * capturing ALL captures ACCEPT and REJECT too.
 */
export default defineCheck({
  title: 'VPC flow logging should be enabled in all VPCs',
  severity: 'MEDIUM',
  resourceType: 'AWS::EC2::VPC',
  description: 'Checks that each VPC (DescribeVpcs) has an active flow log (DescribeFlowLogs → ResourceId, FlowLogStatus, TrafficType), optionally of the given traffic type.',
  risk: 'Without flow logs there is no record of network traffic to investigate an intrusion or spot exfiltration and scanning.',
  remediation: {
    text: 'Create a flow log for every VPC, delivering to CloudWatch Logs or S3 (REJECT at least; ALL is better for investigations).',
    console: 'VPC console → Your VPCs → select the VPC → Actions → Create flow log → Filter: Reject (or All) → destination → Create flow log.',
    cli: 'aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc> --traffic-type REJECT --log-destination-type s3 --log-destination arn:aws:s3:::<bucket>',
    terraform: 'resource "aws_flow_log" "this" {\n  vpc_id               = aws_vpc.this.id\n  traffic_type         = "ALL"\n  log_destination_type = "s3"\n  log_destination      = aws_s3_bucket.flow.arn\n}',
  },
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-6',
    'https://docs.aws.amazon.com/config/latest/developerguide/vpc-flow-logs-enabled.html',
    'https://www.cisecurity.org/benchmark/amazon_web_services',
  ],
  parameters: {
    trafficType: { description: 'The traffic type the flow log must capture: ACCEPT, REJECT or ALL (optional).', default: '' },
  },
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::VPC');
    const wanted = stringParam(context.parameters, 'trafficType')?.toUpperCase();
    const logs = new Map(flowLogs(context).map((list) => [list.region, list]));
    // Flow logs by the resource they watch, per region, so each VPC is a lookup, not a scan.
    const byResource = new Map<string, Map<string, FlowLog[]>>();
    for (const list of logs.values()) {
      const index = new Map<string, FlowLog[]>();
      for (const log of list.items) index.set(log.ResourceId ?? '', [...(index.get(log.ResourceId ?? '') ?? []), log]);
      byResource.set(list.region, index);
    }
    out.each(vpcs(context), (vpc, region) => {
      const resource = { type: 'AWS::EC2::VPC', id: arn(out.partition, region, out.accountId, 'vpc', vpc.VpcId ?? ''), name: nameTag(vpc.Tags) };
      const list = logs.get(region);
      if (!list || list.result.kind !== 'data') {
        out.unavailable(region, resource, 'ec2', 'DescribeFlowLogs', list?.result ?? { kind: 'missing' });
        return;
      }
      const mine = (byResource.get(region)?.get(vpc.VpcId ?? '') ?? []).filter((log) => log.FlowLogStatus === undefined || log.FlowLogStatus === 'ACTIVE');
      const matching = wanted ? mine.filter((log) => log.TrafficType === wanted || log.TrafficType === 'ALL') : mine;
      const evidence = { api: 'ec2:DescribeFlowLogs', field: 'ResourceId, TrafficType', flowLogs: mine.map((log) => `${log.FlowLogId}:${log.TrafficType}`) };
      if (mine.length === 0) out.fail(region, resource, `${vpc.VpcId} has no active flow log (no DescribeFlowLogs entry with ResourceId ${vpc.VpcId})`, evidence);
      else if (matching.length === 0) out.fail(region, resource, `${vpc.VpcId} has flow logs (${evidence.flowLogs.join(', ')}) but none captures ${wanted} traffic (TrafficType)`, evidence);
      else out.pass(region, resource, `${vpc.VpcId} has flow log ${matching[0]!.FlowLogId} (${matching[0]!.TrafficType})`, evidence);
    });
    return out.list;
  },
});
