import { ATTACKER_ACCOUNT, daysAgo, IPS, OPTED_OUT_REGION, REGIONS, type Instance, type Network } from '../org.ts';
import { fail, GLOBAL_REGION, ok, perResource, type BuildContext } from './util.ts';

/** ec2: VPCs, security groups, NACLs, routes, flow logs, instances, volumes and snapshots. */

export const FLOW_LOG_FORMAT = '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}';

type Perm = { IpProtocol: string; FromPort?: number; ToPort?: number; IpRanges: object[]; Ipv6Ranges: object[]; PrefixListIds: object[]; UserIdGroupPairs: object[] };
const perm = (protocol: string, from: number | undefined, to: number | undefined, cidrs: string[], extra: Partial<Perm> = {}): Perm => ({
  IpProtocol: protocol,
  ...(from === undefined ? {} : { FromPort: from, ToPort: to }),
  IpRanges: cidrs.filter((c) => !c.includes(':')).map((CidrIp) => ({ CidrIp })),
  Ipv6Ranges: cidrs.filter((c) => c.includes(':')).map((CidrIpv6) => ({ CidrIpv6 })),
  PrefixListIds: [],
  UserIdGroupPairs: [],
  ...extra,
});
const allEgress = () => [perm('-1', undefined, undefined, ['0.0.0.0/0'])];
const fromGroup = (account: string, groupId: string, port: number): Perm => perm('tcp', port, port, [], { UserIdGroupPairs: [{ GroupId: groupId, UserId: account }] });

function securityGroups(n: Network): object[] {
  const sg = (id: string, name: string, description: string, ingress: Perm[], egress: Perm[] = allEgress()) => ({
    GroupId: id, GroupName: name, Description: description, OwnerId: n.account, VpcId: n.vpcId,
    IpPermissions: ingress, IpPermissionsEgress: egress, SecurityGroupArn: `arn:aws:ec2:${n.region}:${n.account}:security-group/${id}`, Tags: name === 'default' ? [] : [{ Key: 'Name', Value: name }],
  });
  // Default groups keep AWS's default rules (all traffic from members), except prod us-east-1 where they were removed.
  const stripped = n.account === '222222222222' && n.region === 'us-east-1';
  const groups = [sg(n.defaultSgId, 'default', 'default VPC security group', stripped ? [] : [perm('-1', undefined, undefined, [], { UserIdGroupPairs: [{ GroupId: n.defaultSgId, UserId: n.account }] })], stripped ? [] : allEgress())];
  const s = n.sgs;
  if (s.bastion) groups.push(sg(s.bastion, 'bastion-ssh', 'SSH from the office only', [perm('tcp', 22, 22, [`${IPS.office}/32`])]));
  if (s.alb) groups.push(sg(s.alb, 'public-alb', 'Web traffic to the load balancer', [perm('tcp', 443, 443, ['0.0.0.0/0', '::/0']), perm('tcp', 80, 80, ['0.0.0.0/0', '::/0'])]));
  if (s.app) groups.push(sg(s.app, 'app-servers', 'App port from the load balancer', n.region === 'us-east-1' && s.alb ? [fromGroup(n.account, s.alb, 8080)] : [perm('tcp', 8080, 8080, [n.cidr])]));
  if (s.db) groups.push(sg(s.db, 'database', 'PostgreSQL from the app servers', [fromGroup(n.account, s.app!, 5432)]));
  if (s.web && n.region === 'us-east-1') groups.push(sg(s.web, 'dev-web', 'temporary: remote access for debugging', [perm('tcp', 22, 22, ['0.0.0.0/0', '::/0']), perm('tcp', 3389, 3389, ['0.0.0.0/0']), perm('tcp', 80, 80, ['0.0.0.0/0'])]));
  if (s.web && n.region === 'eu-west-1') groups.push(sg(s.web, 'dev-eu-open', 'allow all', [perm('-1', undefined, undefined, ['0.0.0.0/0'])]));
  if (s.build) groups.push(sg(s.build, 'dev-build', 'build runners (egress only)', []));
  return groups;
}

function networkAcl(n: Network): object {
  const entry = (RuleNumber: number, Egress: boolean, Protocol: string, RuleAction: 'allow' | 'deny', CidrBlock: string, range?: [number, number]) => ({ RuleNumber, Protocol, RuleAction, Egress, CidrBlock, ...(range ? { PortRange: { From: range[0], To: range[1] } } : {}) });
  const tight = n.account === '222222222222';
  const openAdmin = n.account === '333333333333' && n.region === 'us-east-1';
  const ingress = tight
    ? [entry(100, false, '6', 'allow', '0.0.0.0/0', [443, 443]), entry(110, false, '6', 'allow', '0.0.0.0/0', [80, 80]), entry(120, false, '6', 'allow', '0.0.0.0/0', [1024, 65535]), entry(130, false, '-1', 'allow', n.cidr)]
    : openAdmin
      ? [entry(90, false, '6', 'allow', '0.0.0.0/0', [22, 22]), entry(95, false, '6', 'allow', '0.0.0.0/0', [3389, 3389]), entry(100, false, '-1', 'allow', '0.0.0.0/0')]
      : [entry(100, false, '-1', 'allow', '0.0.0.0/0')];
  return {
    NetworkAclId: n.naclId, VpcId: n.vpcId, IsDefault: true, OwnerId: n.account,
    Associations: n.subnets.map((s, i) => ({ NetworkAclAssociationId: `aclassoc-${n.naclId.slice(4, 12)}${i}`, NetworkAclId: n.naclId, SubnetId: s.id })),
    Entries: [...ingress, entry(32767, false, '-1', 'deny', '0.0.0.0/0'), entry(100, true, '-1', 'allow', '0.0.0.0/0'), entry(32767, true, '-1', 'deny', '0.0.0.0/0')],
    Tags: [],
  };
}

function instanceShape(i: Instance, n: Network, idx: number): object {
  const subnet = n.subnets.find((s) => s.id === i.subnetId)!;
  return {
    AmiLaunchIndex: 0, ImageId: `ami-0${i.id.slice(3, 19)}`, InstanceId: i.id, InstanceType: i.name.startsWith('app') ? 'm6i.large' : 't3.medium', LaunchTime: daysAgo(30 + idx * 7, 8),
    Monitoring: { State: 'disabled' }, Placement: { AvailabilityZone: subnet.az, GroupName: '', Tenancy: 'default' },
    PrivateDnsName: `ip-${i.privateIp.replaceAll('.', '-')}.ec2.internal`, PrivateIpAddress: i.privateIp, ProductCodes: [],
    PublicDnsName: i.publicIp ? `ec2-${i.publicIp.replaceAll('.', '-')}.compute-1.amazonaws.com` : '', ...(i.publicIp ? { PublicIpAddress: i.publicIp } : {}),
    State: { Code: 16, Name: 'running' }, SubnetId: i.subnetId, VpcId: n.vpcId, Architecture: 'x86_64',
    BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { AttachTime: daysAgo(30 + idx * 7, 8), DeleteOnTermination: true, Status: 'attached', VolumeId: i.volumeId } }],
    EbsOptimized: true, EnaSupport: true, Hypervisor: 'xen',
    ...(i.roleName ? { IamInstanceProfile: { Arn: `arn:aws:iam::${i.account}:instance-profile/${i.roleName}`, Id: `AIPA${i.id.slice(2, 19).toUpperCase()}` } } : {}),
    NetworkInterfaces: [{ NetworkInterfaceId: i.eni, SubnetId: i.subnetId, VpcId: n.vpcId, PrivateIpAddress: i.privateIp, OwnerId: n.account, Status: 'in-use', Groups: i.sgIds.map((GroupId) => ({ GroupId })), ...(i.publicIp ? { Association: { PublicIp: i.publicIp, IpOwnerId: 'amazon' } } : {}) }],
    RootDeviceName: '/dev/xvda', RootDeviceType: 'ebs', SecurityGroups: i.sgIds.map((GroupId) => ({ GroupId, GroupName: GroupId })), SourceDestCheck: true,
    Tags: [{ Key: 'Name', Value: i.name }], VirtualizationType: 'hvm', CpuOptions: { CoreCount: 1, ThreadsPerCore: 2 },
    MetadataOptions: { State: 'applied', HttpTokens: i.imdsV2 ? 'required' : 'optional', HttpPutResponseHopLimit: i.imdsV2 ? 1 : 2, HttpEndpoint: 'enabled', HttpProtocolIpv6: 'disabled', InstanceMetadataTags: 'disabled' },
    PlatformDetails: 'Linux/UNIX', UsageOperation: 'RunInstances',
  };
}

export function buildEc2(ctx: BuildContext): void {
  const { account, org, rng } = ctx;
  const r = rng.fork('ec2');
  ctx.put('ec2', 'DescribeRegions', GLOBAL_REGION, ok({ Regions: [
    ...['ap-northeast-1', 'ap-southeast-1', 'eu-central-1', 'eu-west-1', 'us-east-1', 'us-east-2', 'us-west-2'].map((RegionName) => ({ Endpoint: `ec2.${RegionName}.amazonaws.com`, RegionName, OptInStatus: 'opt-in-not-required' })),
    { Endpoint: `ec2.${OPTED_OUT_REGION}.amazonaws.com`, RegionName: OPTED_OUT_REGION, OptInStatus: 'not-opted-in' },
  ] }));

  for (const region of REGIONS) {
    const n = org.networks.find((x) => x.account === account.id && x.region === region)!;
    if (account.key === 'dev' && region === 'eu-west-1') {
      // Deliberate: an SCP-less but narrower collector role in dev cannot read eu-west-1 instances (ERROR, never PASS).
      ctx.put('ec2', 'DescribeInstances', region, fail('UnauthorizedOperation', 'You are not authorized to perform this operation. User: arn:aws:sts::333333333333:assumed-role/VigilReadOnly/vigil is not authorized to perform: ec2:DescribeInstances with an explicit deny in an identity-based policy'));
    } else {
      ctx.put('ec2', 'DescribeInstances', region, ok({ Reservations: n.instances.map((i, idx) => ({ ReservationId: `r-${r.hex(17)}`, OwnerId: account.id, Groups: [], Instances: [instanceShape(i, n, idx)] })) }));
    }
    ctx.put('ec2', 'DescribeSecurityGroups', region, ok({ SecurityGroups: securityGroups(n) }));
    ctx.put('ec2', 'DescribeNetworkAcls', region, ok({ NetworkAcls: [networkAcl(n)] }));
    ctx.put('ec2', 'DescribeVpcs', region, ok({ Vpcs: [{
      CidrBlock: n.cidr, DhcpOptionsId: `dopt-${r.hex(17)}`, State: 'available', VpcId: n.vpcId, OwnerId: account.id, InstanceTenancy: 'default', IsDefault: n.isDefault,
      CidrBlockAssociationSet: [{ AssociationId: `vpc-cidr-assoc-${r.hex(17)}`, CidrBlock: n.cidr, CidrBlockState: { State: 'associated' } }], Tags: n.isDefault ? [] : [{ Key: 'Name', Value: `${account.name}-${region}` }],
    }] }));
    ctx.put('ec2', 'DescribeSubnets', region, ok({ Subnets: n.subnets.map((s) => ({
      AvailabilityZone: s.az, AvailabilityZoneId: `${region === 'us-east-1' ? 'use1' : 'euw1'}-az${s.az.endsWith('a') ? 1 : 2}`, AvailableIpAddressCount: 240, CidrBlock: s.cidr, DefaultForAz: n.isDefault,
      MapPublicIpOnLaunch: s.public && (n.isDefault || account.key === 'dev'), State: 'available', SubnetId: s.id, VpcId: n.vpcId, OwnerId: account.id, AssignIpv6AddressOnCreation: false, Ipv6CidrBlockAssociationSet: [],
      SubnetArn: `arn:aws:ec2:${region}:${account.id}:subnet/${s.id}`, Tags: [{ Key: 'Name', Value: `${s.public ? 'public' : 'private'}-${s.az}` }],
    })) }));
    const local = { DestinationCidrBlock: n.cidr, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' };
    ctx.put('ec2', 'DescribeRouteTables', region, ok({ RouteTables: [
      { RouteTableId: n.mainRouteTableId, VpcId: n.vpcId, OwnerId: account.id, Routes: [local], Associations: [{ Main: true, RouteTableAssociationId: `rtbassoc-${r.hex(17)}`, RouteTableId: n.mainRouteTableId, AssociationState: { State: 'associated' } }], PropagatingVgws: [], Tags: [] },
      {
        RouteTableId: n.publicRouteTableId, VpcId: n.vpcId, OwnerId: account.id, PropagatingVgws: [], Tags: [{ Key: 'Name', Value: 'public' }],
        Routes: [local, { DestinationCidrBlock: '0.0.0.0/0', GatewayId: n.igwId, Origin: 'CreateRoute', State: 'active' }],
        Associations: n.subnets.filter((s) => s.public).map((s) => ({ Main: false, RouteTableAssociationId: `rtbassoc-${r.hex(17)}`, RouteTableId: n.publicRouteTableId, SubnetId: s.id, AssociationState: { State: 'associated' } })),
      },
    ] }));
    ctx.put('ec2', 'DescribeInternetGateways', region, ok({ InternetGateways: [{ InternetGatewayId: n.igwId, OwnerId: account.id, Attachments: [{ State: 'available', VpcId: n.vpcId }], Tags: [] }] }));
    ctx.put('ec2', 'DescribeFlowLogs', region, ok({ FlowLogs: n.flowLogId ? [{
      CreationTime: daysAgo(400), DeliverLogsStatus: 'SUCCESS', FlowLogId: n.flowLogId, FlowLogStatus: 'ACTIVE', ResourceId: n.vpcId, TrafficType: 'ALL',
      LogDestinationType: 's3', LogDestination: `arn:aws:s3:::${org.flowLogBucket}`, LogFormat: FLOW_LOG_FORMAT, MaxAggregationInterval: 600, Tags: [],
    }] : [] }));

    const volumes: object[] = n.instances.map((i) => ({
      Attachments: [{ AttachTime: daysAgo(30, 8), Device: '/dev/xvda', InstanceId: i.id, State: 'attached', VolumeId: i.volumeId, DeleteOnTermination: true }],
      AvailabilityZone: `${region}a`, CreateTime: daysAgo(30, 8), Encrypted: i.encryptedVolume, ...(i.encryptedVolume ? { KmsKeyId: `arn:aws:kms:${region}:${account.id}:key/aws-ebs-default` } : {}),
      Size: 30, SnapshotId: '', State: 'in-use', VolumeId: i.volumeId, Iops: 3000, VolumeType: 'gp3', MultiAttachEnabled: false, Throughput: 125, Tags: [],
    }));
    const snapshots: object[] = [];
    const snapshotPerms: Record<string, ReturnType<typeof ok>> = {};
    if (account.key === 'dev' && region === 'us-east-1') {
      // Deliberate: an unattached unencrypted volume, a public snapshot and one shared with an outside account.
      volumes.push({ Attachments: [], AvailabilityZone: 'us-east-1b', CreateTime: daysAgo(200), Encrypted: false, Size: 100, SnapshotId: '', State: 'available', VolumeId: `vol-${r.hex(17)}`, Iops: 300, VolumeType: 'gp2', MultiAttachEnabled: false, Tags: [{ Key: 'Name', Value: 'old-data' }] });
      const publicSnap = org.devSnapshots.public;
      const sharedSnap = org.devSnapshots.shared;
      snapshots.push(
        { Description: 'dev-web root volume before upgrade', Encrypted: false, OwnerId: account.id, Progress: '100%', SnapshotId: publicSnap, StartTime: daysAgo(90), State: 'completed', VolumeId: n.instances[0]!.volumeId, VolumeSize: 30, StorageTier: 'standard', Tags: [] },
        { Description: 'dev database export', Encrypted: false, OwnerId: account.id, Progress: '100%', SnapshotId: sharedSnap, StartTime: daysAgo(20), State: 'completed', VolumeId: n.instances[1]!.volumeId, VolumeSize: 30, StorageTier: 'standard', Tags: [] },
      );
      snapshotPerms[publicSnap] = ok({ SnapshotId: publicSnap, CreateVolumePermissions: [{ Group: 'all' }] });
      snapshotPerms[sharedSnap] = ok({ SnapshotId: sharedSnap, CreateVolumePermissions: [{ UserId: ATTACKER_ACCOUNT }] });
    }
    if (account.key === 'prod') {
      const snap = `snap-${r.hex(17)}`;
      snapshots.push({ Description: 'nightly app volume backup', Encrypted: true, KmsKeyId: `arn:aws:kms:${region}:${account.id}:key/aws-ebs-default`, OwnerId: account.id, Progress: '100%', SnapshotId: snap, StartTime: daysAgo(1, 2), State: 'completed', VolumeId: n.instances[0]!.volumeId, VolumeSize: 30, StorageTier: 'standard', Tags: [] });
      snapshotPerms[snap] = ok({ SnapshotId: snap, CreateVolumePermissions: [] });
    }
    ctx.put('ec2', 'DescribeVolumes', region, ok({ Volumes: volumes }));
    ctx.put('ec2', 'DescribeSnapshots', region, ok({ Snapshots: snapshots }));
    ctx.put('ec2', 'DescribeSnapshotAttribute', region, perResource(snapshotPerms));
    // AMIs owned by the account: a private golden image in prod, a public one in dev (deliberate).
    const images: Array<{ id: string; name: string; public: boolean; encrypted: boolean }> = [];
    if (region === 'us-east-1' && account.key === 'prod') images.push({ id: `ami-${r.hex(17)}`, name: 'app-golden-2026-11', public: false, encrypted: true });
    if (region === 'us-east-1' && account.key === 'dev') images.push({ id: `ami-${r.hex(17)}`, name: 'dev-web-base', public: true, encrypted: false });
    ctx.put('ec2', 'DescribeImages', region, ok({ Images: images.map((img) => ({
      Architecture: 'x86_64', CreationDate: `${daysAgo(60).replace('Z', '')}.000Z`, ImageId: img.id, ImageLocation: `${account.id}/${img.name}`, ImageType: 'machine', Public: img.public, OwnerId: account.id,
      PlatformDetails: 'Linux/UNIX', UsageOperation: 'RunInstances', State: 'available', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { DeleteOnTermination: true, SnapshotId: `snap-${r.hex(17)}`, VolumeSize: 30, VolumeType: 'gp3', Encrypted: img.encrypted } }],
      EnaSupport: true, Hypervisor: 'xen', Name: img.name, RootDeviceName: '/dev/xvda', RootDeviceType: 'ebs', SriovNetSupport: 'simple', VirtualizationType: 'hvm', BootMode: 'uefi-preferred', ImdsSupport: 'v2.0',
    })) }));
    ctx.put('ec2', 'DescribeImageAttribute', region, perResource(Object.fromEntries(images.map((img) => [img.id, ok({ ImageId: img.id, LaunchPermissions: img.public ? [{ Group: 'all' }] : [] })]))));
    const byDefault = account.key === 'prod' || (account.key === 'management' && region === 'us-east-1');
    ctx.put('ec2', 'GetEbsEncryptionByDefault', region, ok({ EbsEncryptionByDefault: byDefault, SseType: byDefault ? 'sse-ebs' : undefined }));
  }
}
