import { daysAgo, EXTERNAL_ACCOUNT, REGIONS, instanceNamed } from '../org.ts';
import { ok, perResource, policyJson, type BuildContext } from './util.ts';

/** kms, rds, dynamodb, efs, secrets-manager, ssm, sqs: where the data lives and how it is protected. */

const rootKeyPolicy = (account: string) => ({ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' });

export function buildKms(ctx: BuildContext): void {
  const { account, rng, org } = ctx;
  const r = rng.fork('kms');
  for (const region of REGIONS) {
    const keys: Array<{ id: string; alias: string; rotation: boolean; manager: 'CUSTOMER' | 'AWS'; policy: object; description: string }> = [];
    const mk = (alias: string, rotation: boolean, extra: object[] = [], manager: 'CUSTOMER' | 'AWS' = 'CUSTOMER', description = '') =>
      keys.push({ id: alias === 'org-trail' ? org.trailKmsKeyId : r.uuid(), alias, rotation, manager, description, policy: { Version: '2012-10-17', Id: 'key-default-1', Statement: [rootKeyPolicy(account.id), ...extra] } });
    mk('aws/s3', true, [], 'AWS', 'Default key that protects my S3 objects when no other key is defined');
    if (account.key === 'management' && region === 'us-east-1') {
      mk('org-trail', true, [{ Sid: 'AllowCloudTrailEncrypt', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*', Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${account.id}:trail/*` } } }], 'CUSTOMER', 'Organization trail log files');
    }
    if (account.key === 'prod') {
      mk('app-data', true, [], 'CUSTOMER', 'Application data');
      // Deliberate: no rotation, and the key policy lets an outside account decrypt.
      if (region === 'us-east-1') mk('legacy-partner', false, [{ Sid: 'PartnerDecrypt', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${EXTERNAL_ACCOUNT}:root` }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' }], 'CUSTOMER', 'Partner data exchange (legacy)');
    }
    if (account.key === 'dev' && region === 'us-east-1') mk('dev-general', false, [], 'CUSTOMER', 'Dev general purpose');
    const arn = (id: string) => `arn:aws:kms:${region}:${account.id}:key/${id}`;
    ctx.put('kms', 'ListKeys', region, ok({ Keys: keys.map((k) => ({ KeyId: k.id, KeyArn: arn(k.id) })) }));
    ctx.put('kms', 'ListAliases', region, ok({ Aliases: keys.map((k) => ({ AliasName: `alias/${k.alias}`, AliasArn: `arn:aws:kms:${region}:${account.id}:alias/${k.alias}`, TargetKeyId: k.id, CreationDate: daysAgo(500), LastUpdatedDate: daysAgo(500) })) }));
    ctx.put('kms', 'DescribeKey', region, perResource(Object.fromEntries(keys.map((k) => [k.id, ok({ KeyMetadata: {
      AWSAccountId: account.id, KeyId: k.id, Arn: arn(k.id), CreationDate: daysAgo(500), Enabled: true, Description: k.description, KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled', Origin: 'AWS_KMS',
      KeyManager: k.manager, CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT', KeySpec: 'SYMMETRIC_DEFAULT', EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'], MultiRegion: false,
    } })]))));
    ctx.put('kms', 'GetKeyRotationStatus', region, perResource(Object.fromEntries(keys.map((k) => [k.id, ok(k.rotation ? { KeyRotationEnabled: true, KeyId: arn(k.id), RotationPeriodInDays: 365, NextRotationDate: daysAgo(-120) } : { KeyRotationEnabled: false, KeyId: arn(k.id) })]))));
    ctx.put('kms', 'ListResourceTags', region, perResource(Object.fromEntries(keys.map((k) => [k.id, ok({ Tags: k.manager === 'AWS' ? [] : [{ TagKey: 'owner', TagValue: account.name }], Truncated: false })]))));
    ctx.put('kms', 'GetKeyPolicy', region, perResource(Object.fromEntries(keys.map((k) => [k.id, ok({ Policy: policyJson(k.policy), PolicyName: 'default' })]))));
  }
}

export function buildRds(ctx: BuildContext): void {
  const { account, rng } = ctx;
  const r = rng.fork('rds');
  for (const region of REGIONS) {
    const instances: object[] = [];
    const clusters: object[] = [];
    const snapshots: object[] = [];
    const attrs: Record<string, ReturnType<typeof ok>> = {};
    const dbi = (id: string, o: { engine: string; version: string; encrypted: boolean; backup: number; publicly: boolean; multiAz: boolean; port: number }) => ({
      DBInstanceIdentifier: id, DBInstanceClass: 'db.t4g.medium', Engine: o.engine, DBInstanceStatus: 'available', MasterUsername: 'dbadmin',
      Endpoint: { Address: `${id}.c${r.alnum(10).toLowerCase()}.${region}.rds.amazonaws.com`, Port: o.port, HostedZoneId: 'Z2R2ITUGPM61AM' }, AllocatedStorage: 100, InstanceCreateTime: daysAgo(400),
      PreferredBackupWindow: '03:00-03:30', BackupRetentionPeriod: o.backup, DBSecurityGroups: [], VpcSecurityGroups: [{ VpcSecurityGroupId: `sg-${r.hex(17)}`, Status: 'active' }],
      AvailabilityZone: `${region}a`, MultiAZ: o.multiAz, EngineVersion: o.version, AutoMinorVersionUpgrade: true, PubliclyAccessible: o.publicly, StorageType: 'gp3', StorageEncrypted: o.encrypted,
      ...(o.encrypted ? { KmsKeyId: `arn:aws:kms:${region}:${account.id}:key/${r.uuid()}` } : {}), DbiResourceId: `db-${r.upper(26)}`, DBInstanceArn: `arn:aws:rds:${region}:${account.id}:db:${id}`,
      IAMDatabaseAuthenticationEnabled: o.encrypted, DeletionProtection: o.encrypted, PerformanceInsightsEnabled: false, EnabledCloudwatchLogsExports: o.encrypted ? ['postgresql'] : [], CopyTagsToSnapshot: o.encrypted, MonitoringInterval: 0,
    });
    if (account.key === 'prod' && region === 'us-east-1') {
      instances.push(dbi('orders-db', { engine: 'postgres', version: '16.4', encrypted: true, backup: 7, publicly: false, multiAz: true, port: 5432 }));
      clusters.push({ DBClusterIdentifier: 'analytics', DBClusterArn: `arn:aws:rds:${region}:${account.id}:cluster:analytics`, Engine: 'aurora-postgresql', EngineVersion: '16.4', Status: 'available', StorageEncrypted: true, KmsKeyId: `arn:aws:kms:${region}:${account.id}:key/${r.uuid()}`, BackupRetentionPeriod: 14, MultiAZ: true, DeletionProtection: true, IAMDatabaseAuthenticationEnabled: true, CopyTagsToSnapshot: true, ClusterCreateTime: daysAgo(300), DBClusterMembers: [], VpcSecurityGroups: [], EnabledCloudwatchLogsExports: ['postgresql'], PubliclyAccessible: false, AutoMinorVersionUpgrade: true });
      snapshots.push({ DBSnapshotIdentifier: 'orders-db-pre-migration', DBInstanceIdentifier: 'orders-db', SnapshotCreateTime: daysAgo(60), Engine: 'postgres', AllocatedStorage: 100, Status: 'available', Port: 5432, AvailabilityZone: `${region}a`, InstanceCreateTime: daysAgo(400), MasterUsername: 'dbadmin', EngineVersion: '16.4', SnapshotType: 'manual', Encrypted: true, DBSnapshotArn: `arn:aws:rds:${region}:${account.id}:snapshot:orders-db-pre-migration`, StorageType: 'gp3' });
      attrs['orders-db-pre-migration'] = ok({ DBSnapshotAttributesResult: { DBSnapshotIdentifier: 'orders-db-pre-migration', DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: [] }] } });
    }
    if (account.key === 'dev' && region === 'us-east-1') {
      // Deliberate: unencrypted, no backups, publicly accessible; and a public manual snapshot.
      instances.push(dbi('dev-db', { engine: 'mysql', version: '8.0.39', encrypted: false, backup: 0, publicly: true, multiAz: false, port: 3306 }));
      snapshots.push({ DBSnapshotIdentifier: 'dev-db-share', DBInstanceIdentifier: 'dev-db', SnapshotCreateTime: daysAgo(30), Engine: 'mysql', AllocatedStorage: 100, Status: 'available', Port: 3306, AvailabilityZone: `${region}a`, InstanceCreateTime: daysAgo(200), MasterUsername: 'dbadmin', EngineVersion: '8.0.39', SnapshotType: 'manual', Encrypted: false, DBSnapshotArn: `arn:aws:rds:${region}:${account.id}:snapshot:dev-db-share`, StorageType: 'gp3' });
      attrs['dev-db-share'] = ok({ DBSnapshotAttributesResult: { DBSnapshotIdentifier: 'dev-db-share', DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }] } });
    }
    ctx.put('rds', 'DescribeDBInstances', region, ok({ DBInstances: instances }));
    ctx.put('rds', 'DescribeDBClusters', region, ok({ DBClusters: clusters }));
    ctx.put('rds', 'DescribeDBSnapshots', region, ok({ DBSnapshots: snapshots }));
    ctx.put('rds', 'DescribeDBSnapshotAttributes', region, perResource(attrs));
  }
}

export function buildDynamoDb(ctx: BuildContext): void {
  const { account, rng } = ctx;
  const r = rng.fork('ddb');
  for (const region of REGIONS) {
    const tables: Array<{ name: string; pitr: boolean; kms: boolean; provisioned?: [number, number] }> = [];
    if (account.key === 'prod' && region === 'us-east-1') tables.push({ name: 'orders', pitr: true, kms: true }, { name: 'sessions', pitr: false, kms: false, provisioned: [5, 5] });
    if (account.key === 'prod' && region === 'eu-west-1') tables.push({ name: 'orders-eu', pitr: true, kms: true });
    if (account.key === 'dev' && region === 'us-east-1') tables.push({ name: 'dev-sandbox', pitr: false, kms: false, provisioned: [50, 50] });
    ctx.put('dynamodb', 'DescribeLimits', region, ok({ AccountMaxReadCapacityUnits: 80000, AccountMaxWriteCapacityUnits: 80000, TableMaxReadCapacityUnits: 40000, TableMaxWriteCapacityUnits: 40000 }));
    ctx.put('dynamodb', 'ListTables', region, ok({ TableNames: tables.map((t) => t.name) }));
    ctx.put('dynamodb', 'DescribeTable', region, perResource(Object.fromEntries(tables.map((t) => [t.name, ok({ Table: {
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], TableName: t.name, KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], TableStatus: 'ACTIVE', CreationDateTime: daysAgo(300),
      ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: t.provisioned?.[0] ?? 0, WriteCapacityUnits: t.provisioned?.[1] ?? 0 }, TableSizeBytes: 1_048_576 * 12, ItemCount: 48_211,
      TableArn: `arn:aws:dynamodb:${region}:${account.id}:table/${t.name}`, TableId: r.uuid(), ...(t.provisioned ? {} : { BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: daysAgo(300) } }),
      ...(t.kms ? { SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: `arn:aws:kms:${region}:${account.id}:key/${r.uuid()}` } } : {}), DeletionProtectionEnabled: t.pitr,
    } })]))));
    ctx.put('dynamodb', 'DescribeContinuousBackups', region, perResource(Object.fromEntries(tables.map((t) => [t.name, ok({ ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: t.pitr ? { PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35, EarliestRestorableDateTime: daysAgo(35), LatestRestorableDateTime: daysAgo(0, 5) } : { PointInTimeRecoveryStatus: 'DISABLED' } } })]))));
  }
}

export function buildEfs(ctx: BuildContext): void {
  const { account, rng } = ctx;
  const r = rng.fork('efs');
  for (const region of REGIONS) {
    const systems: Array<{ name: string; encrypted: boolean }> = [];
    if (account.key === 'prod' && region === 'us-east-1') systems.push({ name: 'shared-uploads', encrypted: true });
    if (account.key === 'dev' && region === 'us-east-1') systems.push({ name: 'dev-share', encrypted: false });
    ctx.put('efs', 'DescribeFileSystems', region, ok({ FileSystems: systems.map((s) => {
      const id = `fs-${r.hex(17)}`;
      return {
        OwnerId: account.id, CreationToken: s.name, FileSystemId: id, FileSystemArn: `arn:aws:elasticfilesystem:${region}:${account.id}:file-system/${id}`, CreationTime: daysAgo(200), LifeCycleState: 'available', Name: s.name,
        NumberOfMountTargets: 2, SizeInBytes: { Value: 6144 * 1024, ValueInIA: 0, ValueInStandard: 6144 * 1024 }, PerformanceMode: 'generalPurpose', Encrypted: s.encrypted,
        ...(s.encrypted ? { KmsKeyId: `arn:aws:kms:${region}:${account.id}:key/${r.uuid()}` } : {}), ThroughputMode: 'bursting', Tags: [{ Key: 'Name', Value: s.name }], FileSystemProtection: { ReplicationOverwriteProtection: 'ENABLED' },
      };
    }) }));
  }
}

/** The dev secrets the embedded GetSecretValue burst reads. */
export const DEV_SECRETS = ['dev/db', 'dev/api-token', 'dev/github-token', 'dev/slack-webhook', 'dev/stripe-test-key', 'dev/jwt-signing-key'];

export function buildSecrets(ctx: BuildContext): void {
  const { account, rng } = ctx;
  const r = rng.fork('secrets');
  for (const region of REGIONS) {
    const secrets: Array<{ name: string; rotation: boolean; lastAccessed: number; policy?: object }> = [];
    if (account.key === 'prod' && region === 'us-east-1') secrets.push({ name: 'prod/app/db-password', rotation: true, lastAccessed: 0 }, { name: 'prod/app/stripe-key', rotation: false, lastAccessed: 0 });
    if (account.key === 'dev' && region === 'us-east-1') {
      for (const name of DEV_SECRETS) secrets.push({ name, rotation: false, lastAccessed: name === 'dev/api-token' ? 120 : 1 });
      // Deliberate: a resource policy that lets any AWS principal read the secret.
      secrets[0]!.policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] };
    }
    const arn = (name: string) => `arn:aws:secretsmanager:${region}:${account.id}:secret:${name}-${r.alnum(6)}`;
    const arns = new Map(secrets.map((s) => [s.name, arn(s.name)]));
    ctx.put('secrets-manager', 'ListSecrets', region, ok({ SecretList: secrets.map((s) => ({
      ARN: arns.get(s.name), Name: s.name, ...(s.rotation ? { RotationEnabled: true, RotationLambdaARN: `arn:aws:lambda:${region}:${account.id}:function:SecretsManagerRDSPostgreSQLRotationSingleUser`, RotationRules: { AutomaticallyAfterDays: 30 }, LastRotatedDate: daysAgo(12), NextRotationDate: daysAgo(-18) } : {}),
      LastChangedDate: daysAgo(s.rotation ? 12 : 200), LastAccessedDate: daysAgo(s.lastAccessed, 0), Tags: [], SecretVersionsToStages: { [r.uuid()]: ['AWSCURRENT'] }, CreatedDate: daysAgo(500),
    })) }));
    ctx.put('secrets-manager', 'GetResourcePolicy', region, perResource(Object.fromEntries(secrets.map((s) => [arns.get(s.name)!, ok({ ARN: arns.get(s.name), Name: s.name, ...(s.policy ? { ResourcePolicy: policyJson(s.policy) } : {}) })]))));
  }
}

export function buildSsm(ctx: BuildContext): void {
  const { account, org } = ctx;
  for (const region of REGIONS) {
    const params: Array<{ name: string; type: 'String' | 'SecureString' | 'StringList' }> = [];
    const managed: string[] = [];
    if (account.key === 'prod' && region === 'us-east-1') {
      params.push({ name: '/prod/app/db-host', type: 'String' }, { name: '/prod/app/api-key', type: 'SecureString' });
      managed.push('app-server-1', 'app-server-2');
    }
    if (account.key === 'prod' && region === 'eu-west-1') managed.push('app-server-eu-1');
    if (account.key === 'dev' && region === 'us-east-1') {
      // Deliberate: a password in a plain String parameter.
      params.push({ name: '/dev/db/password', type: 'String' }, { name: '/dev/app/feature-flags', type: 'StringList' });
      managed.push('dev-build');
    }
    if (account.key === 'management' && region === 'us-east-1') managed.push('bastion');
    ctx.put('ssm', 'DescribeParameters', region, ok({ Parameters: params.map((p, i) => ({
      Name: p.name, ARN: `arn:aws:ssm:${region}:${account.id}:parameter${p.name}`, Type: p.type, ...(p.type === 'SecureString' ? { KeyId: 'alias/aws/ssm' } : {}),
      LastModifiedDate: daysAgo(100 + i), LastModifiedUser: `arn:aws:iam::${account.id}:user/${account.key === 'dev' ? 'carol' : 'ci-deploy'}`, Version: 1, Tier: 'Standard', Policies: [], DataType: 'text',
    })) }));
    ctx.put('ssm', 'DescribeInstanceInformation', region, ok({ InstanceInformationList: managed.map((name) => {
      const i = instanceNamed(org, name);
      return { InstanceId: i.id, PingStatus: 'Online', LastPingDateTime: daysAgo(0, 5), AgentVersion: '3.3.1142.0', IsLatestVersion: false, PlatformType: 'Linux', PlatformName: 'Amazon Linux', PlatformVersion: '2023', ResourceType: 'EC2Instance', IPAddress: i.privateIp, ComputerName: `ip-${i.privateIp.replaceAll('.', '-')}.ec2.internal`, AssociationStatus: 'Success', SourceId: i.id, SourceType: 'AWS::EC2::Instance' };
    }) }));
  }
}

export function buildSqs(ctx: BuildContext): void {
  const { account } = ctx;
  for (const region of REGIONS) {
    const queues: Array<{ name: string; policy?: object; sse: boolean; kms?: string }> = [];
    if (account.key === 'prod' && region === 'us-east-1') {
      queues.push(
        { name: 'orders-queue', sse: true, policy: { Version: '2012-10-17', Statement: [{ Sid: 'sns', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:${region}:${account.id}:orders-queue`, Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:sns:${region}:${account.id}:order-events` } } }] } },
        { name: 'orders-dlq', sse: false, kms: 'alias/aws/sqs' },
      );
    }
    if (account.key === 'dev' && region === 'us-east-1') {
      // Deliberate: anyone may do anything with the queue; no encryption.
      queues.push({ name: 'dev-jobs', sse: false, policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'SQS:*', Resource: `arn:aws:sqs:${region}:${account.id}:dev-jobs` }] } });
    }
    const url = (name: string) => `https://sqs.${region}.amazonaws.com/${account.id}/${name}`;
    ctx.put('sqs', 'ListQueues', region, ok({ QueueUrls: queues.map((q) => url(q.name)) }));
    ctx.put('sqs', 'GetQueueAttributes', region, perResource(Object.fromEntries(queues.map((q) => [url(q.name), ok({ Attributes: {
      QueueArn: `arn:aws:sqs:${region}:${account.id}:${q.name}`, ApproximateNumberOfMessages: '3', ApproximateNumberOfMessagesNotVisible: '0', ApproximateNumberOfMessagesDelayed: '0',
      CreatedTimestamp: String(Math.floor(Date.parse(daysAgo(300)) / 1000)), LastModifiedTimestamp: String(Math.floor(Date.parse(daysAgo(30)) / 1000)), VisibilityTimeout: '30', MaximumMessageSize: '262144',
      MessageRetentionPeriod: '345600', DelaySeconds: '0', ReceiveMessageWaitTimeSeconds: '0', SqsManagedSseEnabled: String(q.sse), ...(q.kms ? { KmsMasterKeyId: q.kms, KmsDataKeyReusePeriodSeconds: '300' } : {}),
      ...(q.policy ? { Policy: policyJson(q.policy) } : {}),
    } })]))));
  }
}
