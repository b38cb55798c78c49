import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, assertMetadata, assertNeverPassesWithoutData, call, failed, loadService, merge, perKey, run, type Case } from './service-checks-harness.ts';

const checks = await loadService('ec2');

const instance = (over: Record<string, unknown> = {}) => ({ InstanceId: 'i-1', State: { Name: 'running' }, VpcId: 'vpc-1', MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' }, NetworkInterfaces: [{ NetworkInterfaceId: 'eni-1' }], ...over });
const instances = (...list: unknown[]) => call('ec2', 'DescribeInstances', { Reservations: [{ Instances: list }] });
const group = (over: Record<string, unknown> = {}) => ({ GroupId: 'sg-1', GroupName: 'web', VpcId: 'vpc-1', IpPermissions: [], IpPermissionsEgress: [], ...over });
const groups = (...list: unknown[]) => call('ec2', 'DescribeSecurityGroups', { SecurityGroups: list });
const rule = (IpProtocol: string, FromPort: number | undefined, ToPort: number | undefined, v4?: string, v6?: string) => ({ IpProtocol, FromPort, ToPort, IpRanges: v4 ? [{ CidrIp: v4 }] : [], Ipv6Ranges: v6 ? [{ CidrIpv6: v6 }] : [] });
const sgWith = (...rules: unknown[]) => groups(group({ IpPermissions: rules }));
const acl = (entries: unknown[], over: Record<string, unknown> = {}) => call('ec2', 'DescribeNetworkAcls', { NetworkAcls: [{ NetworkAclId: 'acl-1', VpcId: 'vpc-1', Entries: entries, Associations: [{ SubnetId: 'subnet-1' }], ...over }] });
const entry = (RuleNumber: number, Protocol: string, RuleAction: string, CidrBlock: string, from?: number, to?: number) => ({ RuleNumber, Protocol, RuleAction, CidrBlock, Egress: false, ...(from !== undefined ? { PortRange: { From: from, To: to } } : {}) });
const volumes = (...list: unknown[]) => call('ec2', 'DescribeVolumes', { Volumes: list });
const attachedVolume = (over: Record<string, unknown> = {}) => ({ VolumeId: 'vol-1', State: 'in-use', Encrypted: true, KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k-1', Attachments: [{ InstanceId: 'i-1', DeleteOnTermination: true }], ...over });
const vpcs = call('ec2', 'DescribeVpcs', { Vpcs: [{ VpcId: 'vpc-1' }] });
const flowLogs = (...list: unknown[]) => call('ec2', 'DescribeFlowLogs', { FlowLogs: list });
const snapshots = call('ec2', 'DescribeSnapshots', { Snapshots: [{ SnapshotId: 'snap-1' }, { SnapshotId: 'snap-2' }] });

const cases: Record<string, Case[]> = {
  'ec2-ebs-encryption-by-default': [
    { name: 'disabled fails', data: call('ec2', 'GetEbsEncryptionByDefault', { EbsEncryptionByDefault: false }), expect: ['FAIL'], reason: /EbsEncryptionByDefault/ },
    { name: 'enabled passes', data: call('ec2', 'GetEbsEncryptionByDefault', { EbsEncryptionByDefault: true }), expect: ['PASS'] },
  ],
  'ec2-imdsv2-check': [
    { name: 'optional tokens fail', data: instances(instance({ MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' } })), expect: ['FAIL'], reason: /HttpTokens is optional/ },
    { name: 'required tokens pass; terminated skipped', data: instances(instance(), instance({ InstanceId: 'i-2', State: { Name: 'terminated' }, MetadataOptions: {} })), expect: ['PASS'] },
    { name: 'disabled endpoint passes', data: instances(instance({ MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'disabled' } })), expect: ['PASS'] },
  ],
  'ec2-instance-no-public-ip': [
    { name: 'public IP fails', data: instances(instance({ PublicIpAddress: '203.0.113.10' })), expect: ['FAIL'], reason: /PublicIpAddress/ },
    { name: 'private only passes', data: instances(instance()), expect: ['PASS'] },
  ],
  'ec2-instances-in-vpc': [
    { name: 'no VpcId fails', data: instances(instance({ VpcId: undefined })), expect: ['FAIL'], reason: /VpcId/ },
    { name: 'in a VPC passes', data: instances(instance()), expect: ['PASS'] },
    { name: 'vpcId parameter: another VPC fails', data: instances(instance()), parameters: { vpcId: 'vpc-2' }, expect: ['FAIL'], reason: /vpc-2/ },
    { name: 'vpcId parameter: that VPC passes', data: instances(instance()), parameters: { vpcId: 'vpc-1' }, expect: ['PASS'] },
  ],
  'ec2-stopped-instance': [
    { name: 'stopped 60 days fails', data: instances(instance({ State: { Name: 'stopped' }, StateTransitionReason: 'User initiated (2026-09-21 10:00:00 GMT)' })), expect: ['FAIL'], reason: /StateTransitionReason|allowedDays/ },
    { name: 'stopped 5 days passes', data: instances(instance({ State: { Name: 'stopped' }, StateTransitionReason: 'User initiated (2026-11-15 10:00:00 GMT)' })), expect: ['PASS'] },
    { name: 'allowedDays 3 makes 5 days fail', data: instances(instance({ State: { Name: 'stopped' }, StateTransitionReason: 'User initiated (2026-11-15 10:00:00 GMT)' })), parameters: { allowedDays: '3' }, expect: ['FAIL'] },
    { name: 'running passes', data: instances(instance()), expect: ['PASS'] },
  ],
  'ec2-instance-profile-attached': [
    { name: 'no instance profile fails', data: instances(instance()), expect: ['FAIL'], reason: /IamInstanceProfile/ },
    { name: 'instance profile passes', data: instances(instance({ IamInstanceProfile: { Arn: 'arn:aws:iam::111122223333:instance-profile/app' } })), expect: ['PASS'] },
  ],
  'eip-attached': [
    { name: 'unassociated address fails', data: call('ec2', 'DescribeAddresses', { Addresses: [{ PublicIp: '198.51.100.7', AllocationId: 'eipalloc-1' }] }), expect: ['FAIL'], reason: /AssociationId/ },
    { name: 'associated address passes', data: call('ec2', 'DescribeAddresses', { Addresses: [{ PublicIp: '198.51.100.8', AllocationId: 'eipalloc-2', AssociationId: 'eipassoc-1', InstanceId: 'i-1' }] }), expect: ['PASS'] },
  ],
  'ec2-ami-not-public': [
    { name: 'Public AMI fails', data: call('ec2', 'DescribeImages', { Images: [{ ImageId: 'ami-1', Name: 'golden', Public: true }] }), expect: ['FAIL'], reason: /Public = true/ },
    { name: 'launchPermission all fails', data: merge(call('ec2', 'DescribeImages', { Images: [{ ImageId: 'ami-1', Public: false }] }), perKey('ec2', 'DescribeImageAttribute', { 'ami-1': { ImageId: 'ami-1', LaunchPermissions: [{ Group: 'all' }] } })), expect: ['FAIL'], reason: /Group "all"/ },
    { name: 'private AMI passes', data: merge(call('ec2', 'DescribeImages', { Images: [{ ImageId: 'ami-1', Public: false }] }), perKey('ec2', 'DescribeImageAttribute', { 'ami-1': { LaunchPermissions: [{ UserId: '444455556666' }] } })), expect: ['PASS'] },
  ],
  'ec2-instance-multiple-eni-check': [
    { name: 'two ENIs fail', data: instances(instance({ NetworkInterfaces: [{ NetworkInterfaceId: 'eni-1' }, { NetworkInterfaceId: 'eni-2' }] })), expect: ['FAIL'], reason: /eni-2/ },
    { name: 'one ENI passes', data: instances(instance()), expect: ['PASS'] },
  ],
  'restricted-ssh': [
    { name: '22 from 0.0.0.0/0 fails', data: sgWith(rule('tcp', 22, 22, '0.0.0.0/0')), expect: ['FAIL'], reason: /port 22 from 0\.0\.0\.0\/0/ },
    { name: 'range 0-1024 from ::/0 fails', data: sgWith(rule('tcp', 0, 1024, undefined, '::/0')), expect: ['FAIL'], reason: /::\/0/ },
    { name: 'all traffic (-1) from the world fails', data: sgWith(rule('-1', undefined, undefined, '0.0.0.0/0')), expect: ['FAIL'], reason: /IpProtocol -1/ },
    { name: '22 from a private range and udp 22 pass', data: sgWith(rule('tcp', 22, 22, '10.0.0.0/8'), rule('udp', 22, 22, '0.0.0.0/0')), expect: ['PASS'] },
  ],
  'ec2-security-group-admin-ports-ipv4-restricted': [
    { name: '3389 from 0.0.0.0/0 fails', data: sgWith(rule('tcp', 3389, 3389, '0.0.0.0/0')), expect: ['FAIL'], reason: /port 3389/ },
    { name: 'protocol -1 from 0.0.0.0/0 fails', data: sgWith(rule('-1', -1, -1, '0.0.0.0/0')), expect: ['FAIL'] },
    { name: 'only ::/0 is the IPv6 check\'s business', data: sgWith(rule('tcp', 22, 22, undefined, '::/0'), rule('tcp', 443, 443, '0.0.0.0/0')), expect: ['PASS'] },
  ],
  'ec2-security-group-admin-ports-ipv6-restricted': [
    { name: '22 from ::/0 fails', data: sgWith(rule('tcp', 20, 30, undefined, '::/0')), expect: ['FAIL'], reason: /::\/0/ },
    { name: 'IPv4 world rule is not its business', data: sgWith(rule('tcp', 22, 22, '0.0.0.0/0')), expect: ['PASS'] },
  ],
  'ec2-security-group-cifs-restricted': [
    { name: '445 from the world fails', data: sgWith(rule('tcp', 445, 445, '0.0.0.0/0')), expect: ['FAIL'], reason: /445/ },
    { name: '445 from a private range passes', data: sgWith(rule('tcp', 445, 445, '192.168.0.0/16')), expect: ['PASS'] },
  ],
  'restricted-common-ports': [
    { name: 'MySQL from the world fails', data: sgWith(rule('tcp', 3306, 3306, '0.0.0.0/0')), expect: ['FAIL'], reason: /3306/ },
    { name: 'HTTPS from the world passes', data: sgWith(rule('tcp', 443, 443, '0.0.0.0/0')), expect: ['PASS'] },
    { name: 'blockedPorts parameter replaces the list', data: sgWith(rule('tcp', 443, 443, '0.0.0.0/0')), parameters: { blockedPorts: '443' }, expect: ['FAIL'] },
  ],
  'vpc-sg-open-only-to-authorized-ports': [
    { name: '8080 open to the world fails', data: sgWith(rule('tcp', 8080, 8080, '0.0.0.0/0')), expect: ['FAIL'], reason: /tcp 8080/ },
    { name: '443 open to the world passes; private rules ignored', data: sgWith(rule('tcp', 443, 443, '0.0.0.0/0'), rule('tcp', 5432, 5432, '10.0.0.0/8')), expect: ['PASS'] },
    { name: 'authorizedTcpPorts ranges', data: sgWith(rule('tcp', 1020, 1025, '0.0.0.0/0')), parameters: { authorizedTcpPorts: '443,1020-1025' }, expect: ['PASS'] },
  ],
  'vpc-default-security-group-closed': [
    { name: 'default group with rules fails', data: groups(group({ GroupName: 'default', IpPermissionsEgress: [rule('-1', undefined, undefined, '0.0.0.0/0')] })), expect: ['FAIL'], reason: /IpPermissionsEgress/ },
    { name: 'empty default group passes; other groups ignored', data: groups(group({ GroupName: 'default' }), group({ GroupId: 'sg-2', IpPermissions: [rule('tcp', 22, 22, '0.0.0.0/0')] })), expect: ['PASS'] },
  ],
  'nacl-no-unrestricted-ssh-rdp': [
    { name: 'default allow-all NACL fails', data: acl([entry(100, '-1', 'allow', '0.0.0.0/0'), entry(32767, '-1', 'deny', '0.0.0.0/0')]), expect: ['FAIL'], reason: /port 22 by rule 100/ },
    { name: 'explicit deny before allow-all passes', data: acl([entry(10, '6', 'deny', '0.0.0.0/0', 22, 22), entry(20, '6', 'deny', '0.0.0.0/0', 3389, 3389), entry(100, '-1', 'allow', '0.0.0.0/0')]), expect: ['PASS'] },
    { name: 'only 443 allowed passes', data: acl([entry(100, '6', 'allow', '0.0.0.0/0', 443, 443)]), expect: ['PASS'] },
  ],
  'vpc-network-acl-unused-check': [
    { name: 'unassociated NACL fails', data: acl([], { Associations: [] }), expect: ['FAIL'], reason: /Associations/ },
    { name: 'associated NACL passes', data: acl([]), expect: ['PASS'] },
  ],
  'subnet-auto-assign-public-ip-disabled': [
    { name: 'auto-assign fails', data: call('ec2', 'DescribeSubnets', { Subnets: [{ SubnetId: 'subnet-1', VpcId: 'vpc-1', MapPublicIpOnLaunch: true }] }), expect: ['FAIL'], reason: /MapPublicIpOnLaunch/ },
    { name: 'no auto-assign passes', data: call('ec2', 'DescribeSubnets', { Subnets: [{ SubnetId: 'subnet-1', MapPublicIpOnLaunch: false }] }), expect: ['PASS'] },
  ],
  'vpc-flow-logs-enabled': [
    { name: 'VPC without flow log fails', data: merge(vpcs, flowLogs({ FlowLogId: 'fl-1', ResourceId: 'vpc-9', TrafficType: 'ALL' })), expect: ['FAIL'], reason: /no active flow log/ },
    { name: 'VPC with flow log passes', data: merge(vpcs, flowLogs({ FlowLogId: 'fl-1', ResourceId: 'vpc-1', TrafficType: 'REJECT', FlowLogStatus: 'ACTIVE' })), expect: ['PASS'] },
    { name: 'trafficType ACCEPT not met by a REJECT log', data: merge(vpcs, flowLogs({ FlowLogId: 'fl-1', ResourceId: 'vpc-1', TrafficType: 'REJECT' })), parameters: { trafficType: 'ACCEPT' }, expect: ['FAIL'], reason: /ACCEPT/ },
    { name: 'DescribeFlowLogs denied is ERROR', data: merge(vpcs, failed('ec2', 'DescribeFlowLogs')), expect: ['ERROR'] },
  ],
  'encrypted-volumes': [
    { name: 'unencrypted attached volume fails; detached ignored', data: volumes(attachedVolume({ Encrypted: false }), { VolumeId: 'vol-2', State: 'available', Encrypted: false, Attachments: [] }), expect: ['FAIL'], reason: /Encrypted = false/ },
    { name: 'encrypted attached volume passes', data: volumes(attachedVolume()), expect: ['PASS'] },
    { name: 'kmsId as key id matches the ARN', data: volumes(attachedVolume()), parameters: { kmsId: 'k-1' }, expect: ['PASS'] },
    { name: 'kmsId another key fails', data: volumes(attachedVolume()), parameters: { kmsId: 'k-2' }, expect: ['FAIL'], reason: /KmsKeyId/ },
  ],
  'ec2-volume-inuse-check': [
    { name: 'unattached volume fails', data: volumes({ VolumeId: 'vol-2', State: 'available', Attachments: [] }), expect: ['FAIL'], reason: /not attached/ },
    { name: 'attached volume passes', data: volumes(attachedVolume({ Attachments: [{ InstanceId: 'i-1', DeleteOnTermination: false }] })), expect: ['PASS'] },
    { name: 'deleteOnTermination=true: kept volume fails', data: volumes(attachedVolume({ Attachments: [{ InstanceId: 'i-1', DeleteOnTermination: false }] })), parameters: { deleteOnTermination: 'true' }, expect: ['FAIL'], reason: /DeleteOnTermination/ },
  ],
  'ebs-snapshot-public-restorable-check': [
    { name: 'group all fails', data: merge(snapshots, perKey('ec2', 'DescribeSnapshotAttribute', { 'snap-1': { SnapshotId: 'snap-1', CreateVolumePermissions: [{ Group: 'all' }] }, 'snap-2': { SnapshotId: 'snap-2', CreateVolumePermissions: [] } })), expect: ['FAIL'], reason: /snap-1/ },
    { name: 'private snapshots pass', data: merge(snapshots, perKey('ec2', 'DescribeSnapshotAttribute', { 'snap-1': { CreateVolumePermissions: [{ UserId: '444455556666' }] }, 'snap-2': { CreateVolumePermissions: [] } })), expect: ['PASS'] },
    { name: 'an attribute call denied is ERROR, not PASS', data: merge(snapshots, perKey('ec2', 'DescribeSnapshotAttribute', { 'snap-1': { CreateVolumePermissions: [] }, 'snap-2': { error: { code: 'AccessDenied', message: 'x' } } })), expect: ['ERROR'] },
    { name: 'block-all-sharing passes', data: merge(snapshots, call('ec2', 'GetSnapshotBlockPublicAccessState', { State: 'block-all-sharing' })), expect: ['PASS'] },
  ],
  'vpc-peering-routing-least-access': [
    { name: 'peering routes need a person', data: call('ec2', 'DescribeRouteTables', { RouteTables: [{ RouteTableId: 'rtb-1', VpcId: 'vpc-1', Routes: [{ DestinationCidrBlock: '10.1.0.0/16', VpcPeeringConnectionId: 'pcx-1' }] }] }), expect: ['MANUAL'], reason: /pcx-1/ },
    { name: 'no peering routes: nothing to attest', data: call('ec2', 'DescribeRouteTables', { RouteTables: [{ RouteTableId: 'rtb-1', Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' }] }] }), expect: [] },
  ],
};

describe('ec2 checks', () => {
  test('every check has cases', () => assert.deepEqual(Object.keys(checks).filter((id) => !cases[id]), []));
  for (const [id, check] of Object.entries(checks)) {
    describe(id, () => {
      test('metadata', () => assertMetadata(id, check));
      test('data missing or denied → ERROR naming the call', () => assertNeverPassesWithoutData(id, check));
      for (const c of cases[id] ?? []) test(c.name, () => assertCase(check, c));
    });
  }
  test('findings never echo more than they need: evidence names the API call', () => {
    const [result] = run(checks['restricted-ssh']!, sgWith(rule('tcp', 22, 22, '0.0.0.0/0')));
    assert.equal(result!.evidence?.api, 'ec2:DescribeSecurityGroups');
    assert.equal(result!.resource.type, 'AWS::EC2::SecurityGroup');
    assert.equal(result!.resource.id, 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-1');
  });
});
