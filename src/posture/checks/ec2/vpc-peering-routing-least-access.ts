import { arn, routeTables } from '../../../inventory/views/ec2.ts';
import { defineCheck } from '../../check.ts';
import { Results } from './_lib/results.ts';

/**
 * CIS 5.6 (Manual): whether peering routes are "least access" needs a person who knows which
 * subnets must talk. The check gathers the evidence — every route through a peering connection
 * (DescribeRouteTables) — and reports MANUAL; routes covering a whole VPC-sized range are named.
 */
export default defineCheck({
  title: 'Routing tables for VPC peering should be "least access"',
  severity: 'MEDIUM',
  resourceType: 'AWS::EC2::RouteTable',
  description: 'Lists, per route table, the routes whose target is a VPC peering connection (DescribeRouteTables → Routes[].VpcPeeringConnectionId) for a person to confirm they reach only the subnets that need it.',
  risk: 'A peering route to the peer\'s whole CIDR lets every host on one side reach every host on the other, widening the blast radius of a compromise.',
  remediation: {
    text: 'Replace broad peering routes with routes to the specific peer subnets (or hosts) that need connectivity.',
    console: 'VPC console → Route tables → select the table → Routes → Edit routes → replace the peering route destination with the needed subnet CIDRs → Save changes.',
    cli: 'aws ec2 delete-route --route-table-id <rtb> --destination-cidr-block <broad-cidr>\naws ec2 create-route --route-table-id <rtb> --destination-cidr-block <subnet-cidr> --vpc-peering-connection-id <pcx>',
    terraform: 'resource "aws_route" "peer" {\n  route_table_id            = aws_route_table.app.id\n  destination_cidr_block    = "10.1.2.0/24" # the subnet, not the whole peer VPC\n  vpc_peering_connection_id = aws_vpc_peering_connection.this.id\n}',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html', 'https://www.cisecurity.org/benchmark/amazon_web_services'],
  manual: true,
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::RouteTable');
    out.each(routeTables(context), (table, region) => {
      const peering = (table.Routes ?? []).filter((route) => route.VpcPeeringConnectionId);
      if (peering.length === 0) return;
      const resource = { type: 'AWS::EC2::RouteTable', id: arn(out.partition, region, out.accountId, 'route-table', table.RouteTableId ?? '') };
      const routes = peering.map((route) => `${route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? route.DestinationPrefixListId} → ${route.VpcPeeringConnectionId}`);
      const broad = peering.filter((route) => {
        const prefix = Number((route.DestinationCidrBlock ?? '').split('/')[1] ?? 32);
        return route.DestinationCidrBlock !== undefined && prefix <= 16;
      });
      const note = broad.length > 0 ? `; ${broad.length} route(s) cover a /16 or wider` : '';
      out.add('MANUAL', region, resource, `${table.RouteTableId} (${table.VpcId}) routes through peering: ${routes.join(', ')}${note}. Confirm each reaches only the subnets that need it`, { api: 'ec2:DescribeRouteTables', field: 'Routes[].VpcPeeringConnectionId', routes });
    });
    return out.list;
  },
});
