import { subnets } from '../../../inventory/views/ec2.ts';
import { functions } from '../../../inventory/views/lambda.ts';
import { defineCheck } from '../../check.ts';
import { Results } from '../ec2/_lib/results.ts';

/**
 * FSBP Lambda.5 / Config lambda-vpc-multi-az-check: a VPC-connected function's subnets must be
 * in at least two Availability Zones (subnet → AZ from ec2:DescribeSubnets). Functions not
 * connected to a VPC are NOT_APPLICABLE.
 */
export default defineCheck({
  title: 'VPC Lambda functions should operate in multiple Availability Zones',
  severity: 'MEDIUM',
  resourceType: 'AWS::Lambda::Function',
  description: 'Checks that Lambda functions connected to a VPC (ListFunctions → VpcConfig.SubnetIds) use subnets in two or more Availability Zones (DescribeSubnets → AvailabilityZone).',
  risk: 'A VPC function whose subnets sit in one zone stops working when that zone fails.',
  remediation: {
    text: 'Configure the function with subnets in at least two Availability Zones.',
    console: 'Lambda console → Functions → select → Configuration → VPC → Edit → add subnets from another Availability Zone → Save.',
    cli: 'aws lambda update-function-configuration --function-name <fn> --vpc-config SubnetIds=<subnet-a>,<subnet-b>,SecurityGroupIds=<sg>',
    terraform: 'resource "aws_lambda_function" "this" {\n  vpc_config {\n    subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]\n    security_group_ids = [aws_security_group.fn.id]\n  }\n}',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-5',
    'https://docs.aws.amazon.com/config/latest/developerguide/lambda-vpc-multi-az-check.html',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::Lambda::Function');
    const subnetLists = new Map(subnets(context).map((list) => [list.region, list]));
    out.each(functions(context), (fn, region) => {
      const resource = { type: 'AWS::Lambda::Function', id: fn.FunctionArn ?? fn.FunctionName ?? '', name: fn.FunctionName };
      const ids = fn.VpcConfig?.SubnetIds ?? [];
      if (ids.length === 0) return out.notApplicable(region, resource, `${fn.FunctionName} is not connected to a VPC`);
      const list = subnetLists.get(region);
      if (!list || list.result.kind !== 'data') return out.unavailable(region, resource, 'ec2', 'DescribeSubnets', list?.result ?? { kind: 'missing' });
      const zones = new Set<string>();
      const unknown: string[] = [];
      for (const id of ids) {
        const zone = list.items.find((subnet) => subnet.SubnetId === id)?.AvailabilityZone;
        if (zone) zones.add(zone);
        else unknown.push(id);
      }
      const evidence = { api: 'lambda:ListFunctions', field: 'VpcConfig.SubnetIds', subnets: ids, zones: [...zones] };
      if (zones.size >= 2) out.pass(region, resource, `${fn.FunctionName} uses subnets in ${zones.size} Availability Zones (${[...zones].join(', ')})`, evidence);
      else if (unknown.length > 0) out.add('ERROR', region, resource, `${fn.FunctionName}: subnets ${unknown.join(', ')} are not in ec2:DescribeSubnets, so their Availability Zones are unknown`, evidence);
      else out.fail(region, resource, `${fn.FunctionName} uses subnets in a single Availability Zone (${[...zones].join(', ')})`, evidence);
    });
    return out.list;
  },
});
