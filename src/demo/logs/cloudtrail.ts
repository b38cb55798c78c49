import type { CloudTrailEvent } from '../../logs/types.ts';
import { ACCOUNTS, DAY_MS, DEMO_DAYS, DEMO_START, IPS, iamId, instanceNamed, roleId, userOf, type DemoOrg, type Instance } from '../org.ts';
import type { Prng } from '../prng.ts';
import { assumedRoleIdentity, awsAccountIdentity, ctRecord, iamUserIdentity, rootIdentity, serviceIdentity, USER_AGENTS, type RecordSpec, type RoleSession, type UserIdentity } from './records.ts';

/**
 * A week of benign CloudTrail activity: people at work (CLI and console, MFA), CI pipelines,
 * EC2 instance roles and Lambda functions, AWS services acting for the accounts. Every
 * principal keeps to its own addresses, user agents and regions, so baselines can learn them.
 * Nothing here is an attack (the detection issue measures noise on it).
 */

const HOUR = 3_600_000;

/** One API call's shape, minus who/when/where. */
type Call = Pick<RecordSpec, 'source' | 'name' | 'readOnly' | 'params' | 'response' | 'resources' | 'data' | 'additional' | 'errorCode' | 'errorMessage'>;
type CallMaker = (rng: Prng, region: string, account: string) => Call;

const c = (source: string, name: string, readOnly: boolean, params: Call['params'] = null): CallMaker => () => ({ source: `${source}.amazonaws.com`, name, readOnly, params });

const DESCRIBE = {
  instances: c('ec2', 'DescribeInstances', true, { instancesSet: {}, filterSet: {} }),
  sgs: c('ec2', 'DescribeSecurityGroups', true, { securityGroupSet: {}, securityGroupIdSet: {}, filterSet: {} }),
  vpcs: c('ec2', 'DescribeVpcs', true, { vpcSet: {}, filterSet: {} }),
  subnets: c('ec2', 'DescribeSubnets', true, { subnetSet: {}, filterSet: {} }),
  tags: c('ec2', 'DescribeTags', true, { filterSet: { items: [{ name: 'resource-type', valueSet: { items: [{ value: 'instance' }] } }] } }),
  buckets: c('s3', 'ListBuckets', true, { Host: 's3.amazonaws.com' }),
  caller: c('sts', 'GetCallerIdentity', true),
  logGroups: c('logs', 'DescribeLogGroups', true, { limit: 50 }),
  functions: c('lambda', 'ListFunctions20150331', true, { functionVersion: 'ALL' }),
  stacks: c('cloudformation', 'DescribeStacks', true),
  repos: c('ecr', 'DescribeRepositories', true),
  alarms: c('monitoring', 'DescribeAlarms', true, { maxRecords: 100 }),
  trails: c('cloudtrail', 'DescribeTrails', true, { includeShadowTrails: true }),
  recorders: c('config', 'DescribeConfigurationRecorders', true),
  detectors: c('guardduty', 'ListDetectors', true),
  users: c('iam', 'ListUsers', true),
  roles: c('iam', 'ListRoles', true),
  summary: c('iam', 'GetAccountSummary', true),
  accounts: c('organizations', 'ListAccounts', true),
  org: c('organizations', 'DescribeOrganization', true),
  cost: c('ce', 'GetCostAndUsage', true, { timePeriod: { start: '2026-11-01', end: '2026-11-30' }, granularity: 'DAILY', metrics: ['UnblendedCost'] }),
};

const filterLogs: CallMaker = (rng) => ({ source: 'logs.amazonaws.com', name: 'FilterLogEvents', readOnly: true, params: { logGroupName: rng.pick(['/aws/lambda/thumbnailer', '/aws/lambda/orders-processor', '/ecs/app']), startTime: DEMO_START, interleaved: true } });
const getFunction: CallMaker = (rng) => ({ source: 'lambda.amazonaws.com', name: 'GetFunction20150331v2', readOnly: true, params: { functionName: rng.pick(['thumbnailer', 'orders-processor', 'orders-api']) } });
const describeTable: CallMaker = (rng) => ({ source: 'dynamodb.amazonaws.com', name: 'DescribeTable', readOnly: true, params: { tableName: rng.pick(['orders', 'sessions', 'dev-sandbox']) } });
const getParameter = (name: string): CallMaker => () => ({ source: 'ssm.amazonaws.com', name: 'GetParameter', readOnly: true, params: { name, withDecryption: name.includes('api-key') } });
const kmsDecrypt = (account: string, region: string): Call => ({
  source: 'kms.amazonaws.com', name: 'Decrypt', readOnly: true, params: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' }, response: null,
  resources: [{ accountId: account, type: 'AWS::KMS::Key', ARN: `arn:aws:kms:${region}:${account}:key/app-data` }],
});

const DEVELOPER_READS: Array<[CallMaker, number]> = [
  [DESCRIBE.instances, 8], [DESCRIBE.sgs, 3], [DESCRIBE.vpcs, 1], [DESCRIBE.subnets, 1], [DESCRIBE.buckets, 4], [DESCRIBE.caller, 3], [DESCRIBE.logGroups, 3],
  [filterLogs, 6], [DESCRIBE.functions, 3], [getFunction, 3], [DESCRIBE.stacks, 2], [describeTable, 2], [DESCRIBE.repos, 1], [DESCRIBE.alarms, 1], [getParameter('/dev/app/feature-flags'), 2],
];
const ADMIN_READS: Array<[CallMaker, number]> = [
  [DESCRIBE.accounts, 3], [DESCRIBE.org, 2], [DESCRIBE.users, 2], [DESCRIBE.roles, 2], [DESCRIBE.summary, 1], [DESCRIBE.trails, 2], [DESCRIBE.recorders, 1], [DESCRIBE.detectors, 1],
  [DESCRIBE.buckets, 2], [DESCRIBE.cost, 2], [DESCRIBE.instances, 3], [DESCRIBE.caller, 2], [DESCRIBE.alarms, 1],
];
const SECURITY_READS: Array<[CallMaker, number]> = [
  [c('guardduty', 'ListFindings', true, { detectorId: 'demo', maxResults: 50 }), 4], [c('guardduty', 'GetFindings', true, { detectorId: 'demo' }), 4],
  [c('securityhub', 'GetFindings', true, { maxResults: 100 }), 5], [c('cloudtrail', 'LookupEvents', true, { maxResults: 50 }), 3],
  [c('access-analyzer', 'ListFindings', true), 2], [c('config', 'DescribeComplianceByConfigRule', true), 2], [DESCRIBE.trails, 1], [DESCRIBE.summary, 1],
  [c('iam', 'GenerateCredentialReport', false), 1], [c('iam', 'GetCredentialReport', true), 1],
];

const regionalFor = (rng: Prng, main = 0.85) => (rng.chance(main) ? 'us-east-1' : 'eu-west-1');
/** Global services log their events in us-east-1 (STS is regional: callers use their region's endpoint). */
const GLOBAL_SOURCES = new Set(['iam.amazonaws.com', 'organizations.amazonaws.com', 'ce.amazonaws.com', 'account.amazonaws.com']);

export interface BenignOptions {
  org: DemoOrg;
  rng: Prng;
}

/**
 * When EC2 delivers role credentials to an instance (every six hours) and the access key it
 * hands out. Derived from its own stream so that the embedded attacks can name the key that
 * was stolen without generating the benign logs first.
 */
export function instanceSession(org: DemoOrg, rng: Prng, i: Instance, day: number, block: number): RoleSession {
  const r = rng.fork(`imds/${i.id}/${day}/${block}`);
  const time = DEMO_START + day * DAY_MS + block * 6 * HOUR + r.int(0, 10) * 60_000;
  return { account: i.account, roleName: i.roleName!, roleId: roleId(org, i.account, i.roleName!), sessionName: i.id, accessKeyId: iamId(r, 'ASIA'), created: time, ec2RoleDelivery: i.imdsV2 ? '2.0' : '1.0' };
}

/** Generates the benign week, unsorted (the writer buckets by account, region and hour). */
export function generateBenignCloudTrail(options: BenignOptions): CloudTrailEvent[] {
  const out: CloudTrailEvent[] = [];
  for (let day = 0; day < DEMO_DAYS; day++) out.push(...generateBenignCloudTrailDay(options, day));
  return out;
}

/** One day of benign activity (day 0 is Monday 2026-11-09). */
export function generateBenignCloudTrailDay({ org, rng }: BenignOptions, day: number): CloudTrailEvent[] {
  const out: CloudTrailEvent[] = [];
  const emit = (r: Prng, spec: RecordSpec) => out.push(ctRecord(r, spec));
  const { management, prod, dev } = ACCOUNTS;

  /** Emits `calls` from a weighted catalog as one principal, spread over an interval. */
  const burst = (r: Prng, o: { from: number; to: number; count: number; account: string; identity: UserIdentity; ip: string; ua: string; catalog: Array<[CallMaker, number]>; mainRegion?: number; consoleSession?: boolean }) => {
    for (let i = 0; i < o.count; i++) {
      const region = regionalFor(r, o.mainRegion);
      const call = r.weighted(o.catalog)(r, region, o.account);
      const where = GLOBAL_SOURCES.has(call.source) ? 'us-east-1' : region;
      emit(r, { ...call, time: o.from + Math.floor(r.next() * (o.to - o.from)), account: o.account, region: where, identity: o.identity, ip: o.ip, ua: o.ua, consoleSession: o.consoleSession });
    }
  };

  const consoleLogin = (r: Prng, time: number, account: string, identity: UserIdentity, ip: string, ua: string, mfaArn?: string) =>
    emit(r, {
      time, account, region: 'us-east-1', identity, source: 'signin.amazonaws.com', name: 'ConsoleLogin', ip, ua, params: null,
      response: { ConsoleLogin: 'Success' }, eventType: 'AwsConsoleSignIn',
      additional: { LoginTo: 'https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1_demo', MobileVersion: 'No', ...(mfaArn ? { MFAIdentifier: mfaArn } : {}), MFAUsed: mfaArn ? 'Yes' : 'No' },
    });

  /** An AssumeRole across accounts, logged in both accounts with a shared event id. */
  const crossAccountAssume = (r: Prng, time: number, caller: { account: string; identity: UserIdentity; principalId: string }, session: RoleSession, ip: string, ua: string) => {
    const shared = r.uuid();
    const roleArn = `arn:aws:iam::${session.account}:role/${session.roleName}`;
    const common = {
      time, region: 'us-east-1', source: 'sts.amazonaws.com', name: 'AssumeRole', ip, ua, readOnly: true, sharedEventID: shared,
      params: { roleArn, roleSessionName: session.sessionName, durationSeconds: 3600 },
      response: { credentials: { accessKeyId: session.accessKeyId, sessionToken: `IQoJb3JpZ2luX2VjE${r.alnum(48)}`, expiration: new Date(time + HOUR).toUTCString() }, assumedRoleUser: { assumedRoleId: `${session.roleId}:${session.sessionName}`, arn: `arn:aws:sts::${session.account}:assumed-role/${session.roleName}/${session.sessionName}` } },
      resources: [{ accountId: session.account, type: 'AWS::IAM::Role', ARN: roleArn }],
    };
    emit(r, { ...common, account: caller.account, identity: caller.identity });
    emit(r, { ...common, account: session.account, identity: awsAccountIdentity(caller.principalId, caller.account) });
  };

  /** EC2 delivers role credentials to an instance (logged as an AWS service AssumeRole). */
  const instanceCredentials = (r: Prng, block: number, i: Instance): RoleSession => {
    const session = instanceSession(org, rng, i, day, block);
    const time = session.created;
    const roleArn = `arn:aws:iam::${i.account}:role/${i.roleName}`;
    emit(r, {
      time, account: i.account, region: i.region, identity: serviceIdentity('ec2.amazonaws.com'), source: 'sts.amazonaws.com', name: 'AssumeRole', ip: 'ec2.amazonaws.com', ua: 'ec2.amazonaws.com', readOnly: true,
      params: { roleArn, roleSessionName: i.id }, response: { credentials: { accessKeyId: session.accessKeyId, sessionToken: `IQoJb3JpZ2luX2VjE${r.alnum(48)}`, expiration: new Date(time + 6 * HOUR).toUTCString() } },
      resources: [{ accountId: i.account, type: 'AWS::IAM::Role', ARN: roleArn }], sharedEventID: r.uuid(),
    });
    return session;
  };

  {
    const d0 = DEMO_START + day * DAY_MS;
    const weekday = day < 5; // the week starts on Monday 2026-11-09
    const r = rng.fork(`ct/day${day}`);

    // --- management: alice (admin, CLI + console with MFA), bob (security, console), root once with MFA.
    const alice = userOf(org, management.id, 'alice');
    const aliceKey = alice.keys[0]!.id;
    const aliceCli = iamUserIdentity(management.id, 'alice', alice.userId, aliceKey);
    if (weekday) {
      const login = d0 + 14 * HOUR + r.int(0, 40) * 60_000;
      const consoleKey = iamId(r, 'ASIA');
      consoleLogin(r, login, management.id, iamUserIdentity(management.id, 'alice', alice.userId, ''), IPS.office, USER_AGENTS.chrome, `arn:aws:iam::${management.id}:mfa/alice`);
      burst(r, { from: login + 60_000, to: login + 90 * 60_000, count: r.int(25, 60), account: management.id, identity: iamUserIdentity(management.id, 'alice', alice.userId, consoleKey, { mfa: true, created: login }), ip: IPS.office, ua: USER_AGENTS.console, catalog: ADMIN_READS, consoleSession: true });
      burst(r, { from: d0 + 15 * HOUR, to: d0 + 22 * HOUR, count: r.int(60, 140), account: management.id, identity: aliceCli, ip: IPS.office, ua: USER_AGENTS.cliMac, catalog: ADMIN_READS });
      // alice works in prod through the organization access role, from the same laptop.
      for (let k = 0; k < r.int(1, 3); k++) {
        const t = d0 + r.int(15, 21) * HOUR + r.int(0, 59) * 60_000;
        const session: RoleSession = { account: prod.id, roleName: 'OrganizationAccountAccessRole', roleId: roleId(org, prod.id, 'OrganizationAccountAccessRole'), sessionName: 'alice', accessKeyId: iamId(r, 'ASIA'), created: t };
        crossAccountAssume(r, t, { account: management.id, identity: aliceCli, principalId: alice.userId }, session, IPS.office, USER_AGENTS.cliMac);
        burst(r, { from: t + 5_000, to: t + 45 * 60_000, count: r.int(15, 40), account: prod.id, identity: assumedRoleIdentity(session), ip: IPS.office, ua: USER_AGENTS.cliMac, catalog: DEVELOPER_READS });
      }
    }
    if (r.chance(0.6)) {
      // Evening CLI from home.
      burst(r, { from: d0 + 1 * HOUR, to: d0 + 3 * HOUR, count: r.int(5, 20), account: management.id, identity: aliceCli, ip: IPS.aliceHome, ua: USER_AGENTS.cliMac, catalog: ADMIN_READS });
    }
    const bob = userOf(org, management.id, 'bob');
    if (weekday) {
      const login = d0 + 15 * HOUR + r.int(0, 50) * 60_000;
      consoleLogin(r, login, management.id, iamUserIdentity(management.id, 'bob', bob.userId, ''), IPS.office, USER_AGENTS.firefox, `arn:aws:iam::${management.id}:mfa/bob`);
      burst(r, { from: login + 60_000, to: login + 6 * HOUR, count: r.int(40, 90), account: management.id, identity: iamUserIdentity(management.id, 'bob', bob.userId, iamId(r, 'ASIA'), { mfa: true, created: login }), ip: IPS.office, ua: USER_AGENTS.console, catalog: SECURITY_READS, consoleSession: true });
    }
    if (day === 3) {
      // The monthly billing check: root signs in with MFA (expected LOW root-usage signal only).
      const t = d0 + 16 * HOUR + 12 * 60_000;
      consoleLogin(r, t, management.id, rootIdentity(management.id), IPS.office, USER_AGENTS.chrome, `arn:aws:iam::${management.id}:mfa/root-account-mfa-device`);
      burst(r, { from: t + 30_000, to: t + 15 * 60_000, count: 6, account: management.id, identity: rootIdentity(management.id, iamId(r, 'ASIA'), { mfa: true, created: t }), ip: IPS.office, ua: USER_AGENTS.console, catalog: [[DESCRIBE.cost, 3], [DESCRIBE.summary, 1], [c('account', 'GetAlternateContact', true, { alternateContactType: 'BILLING' }), 1]], consoleSession: true });
    }

    // --- prod: CI deploys (GitHub OIDC), app servers (instance roles), a Lambda function.
    if (weekday) {
      for (let run = 0; run < r.int(2, 6); run++) {
        const t = d0 + r.int(14, 22) * HOUR + r.int(0, 59) * 60_000;
        ciRun(r, emit, org, t);
      }
    }
    for (const name of ['app-server-1', 'app-server-2', 'app-server-eu-1']) appServerDay(r.fork(name), emit, instanceNamed(org, name), d0, instanceCredentials);
    lambdaDay(r.fork('lambda'), emit, org, d0);

    // --- dev: carol (CLI + console with MFA), dave (CLI only), ci-legacy nightly builds, instance roles.
    const carol = userOf(org, dev.id, 'carol');
    const carolCli = iamUserIdentity(dev.id, 'carol', carol.userId, carol.keys[0]!.id);
    if (weekday) {
      const login = d0 + 14 * HOUR + r.int(20, 70) * 60_000;
      consoleLogin(r, login, dev.id, iamUserIdentity(dev.id, 'carol', carol.userId, ''), IPS.office, USER_AGENTS.chrome, `arn:aws:iam::${dev.id}:mfa/carol`);
      burst(r, { from: login + 60_000, to: login + 2 * HOUR, count: r.int(20, 50), account: dev.id, identity: iamUserIdentity(dev.id, 'carol', carol.userId, iamId(r, 'ASIA'), { mfa: true, created: login }), ip: IPS.office, ua: USER_AGENTS.console, catalog: DEVELOPER_READS, consoleSession: true });
      burst(r, { from: d0 + 15 * HOUR, to: d0 + 22 * HOUR, count: r.int(120, 300), account: dev.id, identity: carolCli, ip: IPS.office, ua: USER_AGENTS.boto3, catalog: DEVELOPER_READS });
      devWrites(r, emit, org, d0, carolCli, IPS.office, USER_AGENTS.boto3);
    }
    const dave = userOf(org, dev.id, 'dave');
    const daveCli = iamUserIdentity(dev.id, 'dave', dave.userId, dave.keys[0]!.id);
    if (weekday || r.chance(0.5)) {
      burst(r, { from: d0 + 16 * HOUR, to: d0 + 24 * HOUR, count: r.int(30, 120), account: dev.id, identity: daveCli, ip: IPS.daveHome, ua: USER_AGENTS.cliMac, catalog: DEVELOPER_READS, mainRegion: 0.95 });
    }
    nightlyBuild(r, emit, org, d0 + 6 * HOUR + r.int(0, 20) * 60_000);
    for (const name of ['dev-web', 'dev-build']) devInstanceDay(r.fork(name), emit, instanceNamed(org, name), instanceCredentials);

    // --- AWS services on the accounts' behalf: Config recording, CloudTrail encrypting its files.
    for (const account of [management, prod, dev]) {
      for (const region of ['us-east-1', 'eu-west-1']) {
        if (account.key === 'dev' && region === 'eu-west-1') continue; // no recorder there
        configRecorderDay(r.fork(`config/${account.id}/${region}`), emit, org, account.id, region, d0);
      }
    }
    cloudTrailKmsDay(r.fork('ctkms'), emit, org, d0);
  }
  return out;
}

type Emit = (r: Prng, spec: RecordSpec) => void;

function ciRun(r: Prng, emit: Emit, org: DemoOrg, t: number): void {
  const prod = ACCOUNTS.prod.id;
  const sub = 'repo:acme/app:ref:refs/heads/main';
  const provider = `arn:aws:iam::${prod}:oidc-provider/token.actions.githubusercontent.com`;
  const session: RoleSession = { account: prod, roleName: 'ci-deploy', roleId: roleId(org, prod, 'ci-deploy'), sessionName: `GitHubActions-${r.int(11000000000, 11999999999)}`, accessKeyId: iamId(r, 'ASIA'), created: t, webIdentityProvider: 'token.actions.githubusercontent.com' };
  emit(r, {
    time: t, account: prod, region: 'us-east-1', source: 'sts.amazonaws.com', name: 'AssumeRoleWithWebIdentity', ip: IPS.ciRunner, ua: USER_AGENTS.cliLinux, readOnly: true,
    identity: { type: 'WebIdentityUser', principalId: `${provider.split('/')[1]}:sts.amazonaws.com:${sub}`, userName: sub, identityProvider: provider },
    params: { roleArn: `arn:aws:iam::${prod}:role/ci-deploy`, roleSessionName: session.sessionName, durationSeconds: 3600 },
    response: { credentials: { accessKeyId: session.accessKeyId, sessionToken: `IQoJb3JpZ2luX2VjE${r.alnum(48)}`, expiration: new Date(t + HOUR).toUTCString() }, subjectFromWebIdentityToken: sub, assumedRoleUser: { assumedRoleId: `${session.roleId}:${session.sessionName}`, arn: `arn:aws:sts::${prod}:assumed-role/ci-deploy/${session.sessionName}` }, provider, audience: 'sts.amazonaws.com' },
    resources: [{ accountId: prod, type: 'AWS::IAM::Role', ARN: `arn:aws:iam::${prod}:role/ci-deploy` }],
  });
  const id = assumedRoleIdentity(session);
  const steps: Array<Partial<RecordSpec> & { source: string; name: string }> = [
    { source: 'sts.amazonaws.com', name: 'GetCallerIdentity', readOnly: true },
    { source: 'ecr.amazonaws.com', name: 'GetAuthorizationToken', readOnly: true, params: { registryIds: [prod] } },
    { source: 'ecr.amazonaws.com', name: 'BatchCheckLayerAvailability', readOnly: true, params: { repositoryName: 'app', registryId: prod } },
    { source: 'ecr.amazonaws.com', name: 'PutImage', readOnly: false, params: { repositoryName: 'app', imageTag: `sha-${r.hex(7)}`, registryId: prod } },
    { source: 'cloudformation.amazonaws.com', name: 'DescribeStacks', readOnly: true, params: { stackName: 'app-prod' } },
    { source: 'cloudformation.amazonaws.com', name: 'CreateChangeSet', readOnly: false, params: { stackName: 'app-prod', changeSetName: `deploy-${r.hex(8)}`, changeSetType: 'UPDATE' } },
    { source: 'cloudformation.amazonaws.com', name: 'DescribeChangeSet', readOnly: true, params: { stackName: 'app-prod' } },
    { source: 'cloudformation.amazonaws.com', name: 'ExecuteChangeSet', readOnly: false, params: { stackName: 'app-prod' } },
    { source: 'lambda.amazonaws.com', name: 'UpdateFunctionCode20150331v2', readOnly: false, params: { functionName: 'orders-api', publish: true } },
    { source: 'elasticloadbalancing.amazonaws.com', name: 'DescribeTargetHealth', readOnly: true, params: { targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${prod}:targetgroup/prod-web-alb-tg/demo` } },
  ];
  let clock = t + 2_000;
  for (const step of steps) {
    const repeats = step.name.startsWith('Describe') ? r.int(2, 8) : 1;
    for (let k = 0; k < repeats; k++) {
      clock += r.int(1_000, 20_000);
      emit(r, { params: null, ...step, time: clock, account: prod, region: 'us-east-1', identity: id, ip: IPS.ciRunner, ua: step.source.startsWith('cloudformation') ? USER_AGENTS.terraform : USER_AGENTS.cliLinux } as RecordSpec);
    }
  }
}

type Credentials = (r: Prng, block: number, i: Instance) => RoleSession;

function appServerDay(r: Prng, emit: Emit, i: Instance, d0: number, credentials: Credentials): void {
  const ip = i.region === 'us-east-1' ? IPS.prodNatUsEast : IPS.prodNatEuWest;
  const bucket = 'acme-prod-app-data';
  for (let block = 0; block < 4; block++) {
    const session = credentials(r, block, i);
    const start = session.created;
    const id = assumedRoleIdentity(session);
    for (let h = 0; h < 6; h++) {
      const hour = start + h * HOUR;
      const busy = [14, 15, 16, 17, 18, 19, 20, 21].includes(new Date(hour).getUTCHours()) ? 1.6 : 0.7;
      const count = r.poisson(40 * busy);
      for (let k = 0; k < count; k++) {
        const t = hour + Math.floor(r.next() * HOUR);
        const pick = r.next();
        if (pick < 0.45 && i.region === 'us-east-1') {
          const key = `uploads/${new Date(t).toISOString().slice(0, 10).replaceAll('-', '/')}/${r.uuid()}.json`;
          const put = r.chance(0.3);
          emit(r, {
            time: t, account: i.account, region: 'us-east-1', identity: id, source: 's3.amazonaws.com', name: put ? 'PutObject' : 'GetObject', ip, ua: USER_AGENTS.javaSdk, readOnly: !put, data: true,
            params: { bucketName: bucket, Host: `${bucket}.s3.us-east-1.amazonaws.com`, key },
            additional: { SignatureVersion: 'SigV4', CipherSuite: 'TLS_AES_128_GCM_SHA256', bytesTransferredIn: put ? r.int(500, 9000) : 0, AuthenticationMethod: 'AuthHeader', 'x-amz-id-2': r.alnum(40), bytesTransferredOut: put ? 0 : r.int(500, 9000) },
            resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` }, { accountId: i.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }],
          });
        } else if (pick < 0.7) {
          emit(r, { time: t, account: i.account, region: i.region, identity: id, ip, ua: USER_AGENTS.javaSdk, ...kmsDecrypt(i.account, i.region) });
        } else if (pick < 0.85) {
          emit(r, { time: t, account: i.account, region: i.region, identity: id, ip, ua: USER_AGENTS.javaSdk, ...getParameter('/prod/app/db-host')(r, i.region, i.account) });
        } else if (pick < 0.95) {
          emit(r, { time: t, account: i.account, region: i.region, identity: id, ip, ua: USER_AGENTS.javaSdk, source: 'dynamodb.amazonaws.com', name: 'DescribeTable', readOnly: true, params: { tableName: i.region === 'us-east-1' ? 'orders' : 'orders-eu' } });
        } else {
          emit(r, { time: t, account: i.account, region: i.region, identity: id, ip, ua: USER_AGENTS.javaSdk, source: 'secretsmanager.amazonaws.com', name: 'GetSecretValue', readOnly: true, params: { secretId: 'prod/app/db-password' } });
        }
      }
    }
  }
}

function lambdaDay(r: Prng, emit: Emit, org: DemoOrg, d0: number): void {
  const prod = ACCOUNTS.prod.id;
  const lambdaIps = ['52.95.110.1', '3.80.12.200', '54.210.17.200'];
  for (let h = 0; h < 24; h++) {
    const t = d0 + h * HOUR + r.int(0, 5) * 60_000;
    const session: RoleSession = { account: prod, roleName: 'orders-processor-role', roleId: roleId(org, prod, 'orders-processor-role'), sessionName: 'orders-processor', accessKeyId: iamId(r, 'ASIA'), created: t };
    emit(r, {
      time: t, account: prod, region: 'us-east-1', identity: serviceIdentity('lambda.amazonaws.com'), source: 'sts.amazonaws.com', name: 'AssumeRole', ip: 'lambda.amazonaws.com', ua: 'lambda.amazonaws.com', readOnly: true,
      params: { roleArn: `arn:aws:iam::${prod}:role/orders-processor-role`, roleSessionName: 'orders-processor' }, response: { credentials: { accessKeyId: session.accessKeyId, sessionToken: `IQoJb3JpZ2luX2VjE${r.alnum(48)}`, expiration: new Date(t + 12 * HOUR).toUTCString() } },
      resources: [{ accountId: prod, type: 'AWS::IAM::Role', ARN: `arn:aws:iam::${prod}:role/orders-processor-role` }], sharedEventID: r.uuid(),
    });
    const id = assumedRoleIdentity(session);
    const ip = r.pick(lambdaIps);
    for (let k = 0; k < r.poisson(10); k++) {
      const at = t + r.int(1, 3_500) * 1_000;
      if (r.chance(0.5)) emit(r, { time: at, account: prod, region: 'us-east-1', identity: id, ip, ua: USER_AGENTS.nodeSdk, ...kmsDecrypt(prod, 'us-east-1') });
      else emit(r, { time: at, account: prod, region: 'us-east-1', identity: id, ip, ua: USER_AGENTS.nodeSdk, source: 'logs.amazonaws.com', name: 'CreateLogStream', readOnly: false, params: { logGroupName: '/aws/lambda/orders-processor', logStreamName: `2026/11/${new Date(at).getUTCDate()}/[$LATEST]${r.hex(32)}` } });
    }
  }
}

function devWrites(r: Prng, emit: Emit, org: DemoOrg, d0: number, identity: UserIdentity, ip: string, ua: string): void {
  const dev = ACCOUNTS.dev.id;
  const build = instanceNamed(org, 'dev-build');
  const t1 = d0 + 15 * HOUR + r.int(0, 30) * 60_000;
  emit(r, { time: t1, account: dev, region: 'us-east-1', identity, ip, ua, source: 'ec2.amazonaws.com', name: 'StartInstances', readOnly: false, params: { instancesSet: { items: [{ instanceId: build.id }] } }, response: { instancesSet: { items: [{ instanceId: build.id, currentState: { code: 0, name: 'pending' }, previousState: { code: 80, name: 'stopped' } }] } } });
  const t2 = d0 + 22 * HOUR + r.int(0, 50) * 60_000;
  emit(r, { time: t2, account: dev, region: 'us-east-1', identity, ip, ua, source: 'ec2.amazonaws.com', name: 'StopInstances', readOnly: false, params: { instancesSet: { items: [{ instanceId: build.id }] }, force: false }, response: { instancesSet: { items: [{ instanceId: build.id, currentState: { code: 64, name: 'stopping' }, previousState: { code: 16, name: 'running' } }] } } });
  if (r.chance(0.5)) emit(r, { time: t1 + HOUR, account: dev, region: 'us-east-1', identity, ip, ua, source: 'lambda.amazonaws.com', name: 'UpdateFunctionConfiguration20150331v2', readOnly: false, params: { functionName: 'thumbnailer', timeout: 30 } });
  if (r.chance(0.3)) emit(r, { time: t1 + 2 * HOUR, account: dev, region: 'us-east-1', identity, ip, ua, source: 'ec2.amazonaws.com', name: 'CreateTags', readOnly: false, params: { resourcesSet: { items: [{ resourceId: build.id }] }, tagSet: { items: [{ key: 'owner', value: 'carol' }] } } });
  // A denied call now and then: developers are not IAM admins.
  if (r.chance(0.4)) emit(r, { time: t1 + 3 * HOUR, account: dev, region: 'us-east-1', identity, ip, ua, source: 'iam.amazonaws.com', name: 'ListRoles', readOnly: true, errorCode: 'AccessDenied', errorMessage: `User: arn:aws:iam::${dev}:user/carol is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::${dev}:role/ because no identity-based policy allows the iam:ListRoles action` });
}

function nightlyBuild(r: Prng, emit: Emit, org: DemoOrg, t: number): void {
  const dev = ACCOUNTS.dev.id;
  const user = userOf(org, dev, 'ci-legacy');
  const caller = iamUserIdentity(dev, 'ci-legacy', user.userId, user.keys[0]!.id);
  const session: RoleSession = { account: dev, roleName: 'deploy-role', roleId: roleId(org, dev, 'deploy-role'), sessionName: 'nightly', accessKeyId: iamId(r, 'ASIA'), created: t };
  const roleArn = `arn:aws:iam::${dev}:role/deploy-role`;
  emit(r, {
    time: t, account: dev, region: 'us-east-1', identity: caller, source: 'sts.amazonaws.com', name: 'AssumeRole', ip: IPS.ciRunner, ua: USER_AGENTS.cliLinux, readOnly: true,
    params: { roleArn, roleSessionName: 'nightly', durationSeconds: 3600 },
    response: { credentials: { accessKeyId: session.accessKeyId, sessionToken: `IQoJb3JpZ2luX2VjE${r.alnum(48)}`, expiration: new Date(t + HOUR).toUTCString() }, assumedRoleUser: { assumedRoleId: `${session.roleId}:nightly`, arn: `arn:aws:sts::${dev}:assumed-role/deploy-role/nightly` } },
    resources: [{ accountId: dev, type: 'AWS::IAM::Role', ARN: roleArn }],
  });
  const id = assumedRoleIdentity(session);
  let clock = t;
  for (const [source, name, readOnly, params] of [
    ['cloudformation', 'DescribeStacks', true, { stackName: 'dev-app' }], ['cloudformation', 'UpdateStack', false, { stackName: 'dev-app' }], ['cloudformation', 'DescribeStackEvents', true, { stackName: 'dev-app' }],
    ['lambda', 'UpdateFunctionCode20150331v2', false, { functionName: 'thumbnailer', publish: false }], ['ecr', 'GetAuthorizationToken', true, null], ['ecr', 'PutImage', false, { repositoryName: 'dev-tools', imageTag: 'nightly' }],
  ] as Array<[string, string, boolean, Record<string, unknown> | null]>) {
    clock += r.int(5_000, 60_000);
    emit(r, { time: clock, account: dev, region: 'us-east-1', identity: id, ip: IPS.ciRunner, ua: USER_AGENTS.cliLinux, source: `${source}.amazonaws.com`, name, readOnly, params });
  }
}

function devInstanceDay(r: Prng, emit: Emit, i: Instance, credentials: Credentials): void {
  // dev-web has a public IP; dev-build egresses through the same address space (AWS).
  const ip = i.publicIp ?? '35.171.20.6';
  for (let block = 0; block < 4; block++) {
    const session = credentials(r, block, i);
    const start = session.created;
    const id = assumedRoleIdentity(session);
    for (let k = 0; k < r.poisson(12); k++) {
      const t = start + Math.floor(r.next() * 6 * HOUR);
      const call = r.weighted<CallMaker>([[DESCRIBE.tags, 3], [getParameter('/dev/app/feature-flags'), 2], [DESCRIBE.caller, 1]])(r, 'us-east-1', i.account);
      emit(r, { ...call, time: t, account: i.account, region: 'us-east-1', identity: id, ip, ua: USER_AGENTS.pythonAgent });
    }
  }
}

function configRecorderDay(r: Prng, emit: Emit, org: DemoOrg, account: string, region: string, d0: number): void {
  const session: RoleSession = { account, roleName: 'AWSServiceRoleForConfig', roleId: roleId(org, account, 'AWSServiceRoleForConfig'), sessionName: 'AWSConfig-Describe', accessKeyId: iamId(r, 'ASIA'), created: d0 };
  const identity = { ...assumedRoleIdentity(session), invokedBy: 'config.amazonaws.com' };
  identity.arn = `arn:aws:sts::${account}:assumed-role/AWSServiceRoleForConfig/AWSConfig-Describe`;
  const catalog: Array<[CallMaker, number]> = [[DESCRIBE.instances, 3], [DESCRIBE.sgs, 3], [DESCRIBE.vpcs, 1], [DESCRIBE.subnets, 1], [c('ec2', 'DescribeNetworkAcls', true, { networkAclIdSet: {}, filterSet: {} }), 1], [c('s3', 'GetBucketPolicy', true, { policy: '', Host: 's3.amazonaws.com' }), 1], [c('rds', 'DescribeDBInstances', true), 1], [c('lambda', 'ListFunctions20150331', true), 1]];
  for (let h = 0; h < 24; h++) {
    for (let k = 0; k < r.poisson(5); k++) {
      const call = r.weighted(catalog)(r, region, account);
      emit(r, { ...call, time: d0 + h * HOUR + Math.floor(r.next() * HOUR), account, region, identity, ip: 'config.amazonaws.com', ua: 'config.amazonaws.com' });
    }
  }
}

function cloudTrailKmsDay(r: Prng, emit: Emit, org: DemoOrg, d0: number): void {
  const mgmt = ACCOUNTS.management.id;
  const keyArn = `arn:aws:kms:us-east-1:${mgmt}:key/${org.trailKmsKeyId}`;
  for (let slot = 0; slot < 24 * 3; slot++) {
    const t = d0 + slot * 20 * 60_000 + r.int(0, 300) * 1_000;
    const account = r.pick([mgmt, ACCOUNTS.prod.id, ACCOUNTS.dev.id]);
    const region = r.pick(['us-east-1', 'eu-west-1']);
    emit(r, {
      time: t, account: mgmt, region: 'us-east-1', identity: serviceIdentity('cloudtrail.amazonaws.com'), source: 'kms.amazonaws.com', name: 'GenerateDataKey', ip: 'cloudtrail.amazonaws.com', ua: 'cloudtrail.amazonaws.com', readOnly: true,
      params: { keyId: keyArn, encryptionContext: { 'aws:cloudtrail:arn': `arn:aws:cloudtrail:us-east-1:${mgmt}:trail/org-trail`, 'aws:s3:arn': `arn:aws:s3:::${org.trailBucket}/AWSLogs/${org.orgId}/${account}/CloudTrail/${region}/${new Date(t).toISOString().slice(0, 10).replaceAll('-', '/')}/${account}_CloudTrail_${region}_${r.alnum(16)}.json.gz` }, keySpec: 'AES_256' },
      resources: [{ accountId: mgmt, type: 'AWS::KMS::Key', ARN: keyArn }], sharedEventID: r.uuid(),
    });
  }
}
