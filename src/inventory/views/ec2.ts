import type {
  Address,
  FlowLog,
  Image,
  Instance,
  InternetGateway,
  NetworkAcl,
  NetworkInterface,
  Reservation,
  RouteTable,
  SecurityGroup,
  Snapshot as EbsSnapshot,
  Subnet,
  Volume,
  Vpc,
  VpcPeeringConnection,
  DescribeSnapshotAttributeResult,
  GetEbsEncryptionByDefaultResult,
  GetSnapshotBlockPublicAccessStateResult,
} from '@aws-sdk/client-ec2';
import { listPerRegion, perResource, regionalCall, type ResourceAnswer, type RegionalList, type ViewContext } from './regional-calls.ts';

/** Typed view of the EC2 (and VPC, EBS) responses in a snapshot. */

const S = 'ec2';

export function instances(context: ViewContext): Array<RegionalList<Instance>> {
  return listPerRegion<{ Reservations?: Reservation[] }, Instance>(context, S, 'DescribeInstances', (r) => (r.Reservations ?? []).flatMap((res) => res.Instances ?? []));
}
export function securityGroups(context: ViewContext): Array<RegionalList<SecurityGroup>> {
  return listPerRegion<{ SecurityGroups?: SecurityGroup[] }, SecurityGroup>(context, S, 'DescribeSecurityGroups', (r) => r.SecurityGroups);
}
export function networkAcls(context: ViewContext): Array<RegionalList<NetworkAcl>> {
  return listPerRegion<{ NetworkAcls?: NetworkAcl[] }, NetworkAcl>(context, S, 'DescribeNetworkAcls', (r) => r.NetworkAcls);
}
export function vpcs(context: ViewContext): Array<RegionalList<Vpc>> {
  return listPerRegion<{ Vpcs?: Vpc[] }, Vpc>(context, S, 'DescribeVpcs', (r) => r.Vpcs);
}
export function subnets(context: ViewContext): Array<RegionalList<Subnet>> {
  return listPerRegion<{ Subnets?: Subnet[] }, Subnet>(context, S, 'DescribeSubnets', (r) => r.Subnets);
}
export function routeTables(context: ViewContext): Array<RegionalList<RouteTable>> {
  return listPerRegion<{ RouteTables?: RouteTable[] }, RouteTable>(context, S, 'DescribeRouteTables', (r) => r.RouteTables);
}
export function internetGateways(context: ViewContext): Array<RegionalList<InternetGateway>> {
  return listPerRegion<{ InternetGateways?: InternetGateway[] }, InternetGateway>(context, S, 'DescribeInternetGateways', (r) => r.InternetGateways);
}
export function flowLogs(context: ViewContext): Array<RegionalList<FlowLog>> {
  return listPerRegion<{ FlowLogs?: FlowLog[] }, FlowLog>(context, S, 'DescribeFlowLogs', (r) => r.FlowLogs);
}
export function volumes(context: ViewContext): Array<RegionalList<Volume>> {
  return listPerRegion<{ Volumes?: Volume[] }, Volume>(context, S, 'DescribeVolumes', (r) => r.Volumes);
}
/** Snapshots owned by the account (DescribeSnapshots OwnerIds=self). */
export function ebsSnapshots(context: ViewContext): Array<RegionalList<EbsSnapshot>> {
  return listPerRegion<{ Snapshots?: EbsSnapshot[] }, EbsSnapshot>(context, S, 'DescribeSnapshots', (r) => r.Snapshots);
}
export function images(context: ViewContext): Array<RegionalList<Image>> {
  return listPerRegion<{ Images?: Image[] }, Image>(context, S, 'DescribeImages', (r) => r.Images);
}
export function addresses(context: ViewContext): Array<RegionalList<Address>> {
  return listPerRegion<{ Addresses?: Address[] }, Address>(context, S, 'DescribeAddresses', (r) => r.Addresses);
}
export function networkInterfaces(context: ViewContext): Array<RegionalList<NetworkInterface>> {
  return listPerRegion<{ NetworkInterfaces?: NetworkInterface[] }, NetworkInterface>(context, S, 'DescribeNetworkInterfaces', (r) => r.NetworkInterfaces);
}
export function peeringConnections(context: ViewContext): Array<RegionalList<VpcPeeringConnection>> {
  return listPerRegion<{ VpcPeeringConnections?: VpcPeeringConnection[] }, VpcPeeringConnection>(context, S, 'DescribeVpcPeeringConnections', (r) => r.VpcPeeringConnections);
}

/** GetEbsEncryptionByDefault in one region. */
export function ebsEncryptionByDefault(context: ViewContext, region: string) {
  return regionalCall<GetEbsEncryptionByDefaultResult>(context, S, 'GetEbsEncryptionByDefault', region);
}
/** GetSnapshotBlockPublicAccessState in one region (collected by newer collectors). */
export function snapshotBlockPublicAccess(context: ViewContext, region: string) {
  return regionalCall<GetSnapshotBlockPublicAccessStateResult>(context, S, 'GetSnapshotBlockPublicAccessState', region);
}
/** DescribeSnapshotAttribute (createVolumePermission) for one snapshot, keyed by snapshot id. */
export function snapshotAttribute(context: ViewContext, region: string, snapshotId: string): ResourceAnswer<DescribeSnapshotAttributeResult> {
  return perResource<DescribeSnapshotAttributeResult>(context, S, 'DescribeSnapshotAttribute', region, snapshotId);
}

export function nameTag(tags: Array<{ Key?: string; Value?: string }> | undefined): string | undefined {
  return tags?.find((tag) => tag.Key === 'Name')?.Value;
}

export function arn(partition: string, region: string, account: string, kind: string, id: string): string {
  return `arn:${partition}:ec2:${region}:${account}:${kind}/${id}`;
}

/** DescribeImageAttribute (launchPermission) for one owned AMI, keyed by image id. */
export function imageLaunchPermission(context: ViewContext, region: string, imageId: string): ResourceAnswer<{ LaunchPermissions?: Array<{ Group?: string; UserId?: string; OrganizationArn?: string }> }> {
  return perResource(context, S, 'DescribeImageAttribute', region, imageId);
}
