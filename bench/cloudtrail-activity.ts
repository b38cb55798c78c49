/**
 * Synthetic CloudTrail delivery files for the detection bench, in two mixes:
 *
 * - `organization`: activity shaped like a real account's. A few hundred principals (IAM
 *   users with access keys, roles assumed by people, instance roles whose session name is the
 *   instance id, service-linked callers), each with its own home addresses, one SDK or CLI
 *   version at a time, a home region, a repertoire of APIs it calls with skewed frequencies,
 *   and the buckets it reads; sessions of consecutive calls; about 2% of calls are the ones
 *   the rules look at (trail changes, key creation, policy attachment, console logins, …).
 * - `high-entropy`: the worst case for every per-principal and per-address state: each event
 *   from a random address of a /16, a random SDK version, a random one of 200 users and a random
 *   one of 1,000 buckets. Real trails do not look like this; it bounds the cost from above.
 *
 * Both are deterministic (seeded) and written as AWS delivers them: one gzipped JSON document
 * `{"Records":[…]}` per file, 500 events per file, events in time order within a file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export type ActivityMix = 'organization' | 'high-entropy';

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ACCOUNTS = ['111122223333', '444455556666', '777788889999'];
const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-2'];

/** Routine APIs (service, name) a principal's repertoire is drawn from. */
const ROUTINE: Array<[string, string]> = [
  ['ec2.amazonaws.com', 'DescribeInstances'], ['ec2.amazonaws.com', 'DescribeSecurityGroups'], ['ec2.amazonaws.com', 'DescribeVolumes'],
  ['s3.amazonaws.com', 'GetObject'], ['s3.amazonaws.com', 'PutObject'], ['s3.amazonaws.com', 'ListBuckets'], ['s3.amazonaws.com', 'HeadObject'],
  ['sts.amazonaws.com', 'AssumeRole'], ['sts.amazonaws.com', 'GetCallerIdentity'], ['kms.amazonaws.com', 'Decrypt'], ['kms.amazonaws.com', 'GenerateDataKey'],
  ['dynamodb.amazonaws.com', 'GetItem'], ['dynamodb.amazonaws.com', 'Query'], ['lambda.amazonaws.com', 'Invoke'], ['logs.amazonaws.com', 'PutLogEvents'],
  ['sqs.amazonaws.com', 'ReceiveMessage'], ['sqs.amazonaws.com', 'SendMessage'], ['cloudwatch.amazonaws.com', 'PutMetricData'],
  ['secretsmanager.amazonaws.com', 'GetSecretValue'], ['ssm.amazonaws.com', 'GetParameter'], ['iam.amazonaws.com', 'ListRoles'], ['iam.amazonaws.com', 'GetRole'],
];

/** Calls the rules and detectors look at (about 2% of the organization mix). */
const NOTABLE: Array<[string, string]> = [
  ['iam.amazonaws.com', 'CreateAccessKey'], ['cloudtrail.amazonaws.com', 'StopLogging'], ['ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress'],
  ['signin.amazonaws.com', 'ConsoleLogin'], ['ec2.amazonaws.com', 'RunInstances'], ['ssm.amazonaws.com', 'SendCommand'], ['iam.amazonaws.com', 'AttachUserPolicy'],
  ['s3.amazonaws.com', 'PutBucketPolicy'], ['iam.amazonaws.com', 'CreateUser'], ['guardduty.amazonaws.com', 'ListDetectors'],
];

const AGENTS = [
  (v: number) => `aws-cli/2.${v % 30}.${v % 9} Python/3.11.8 Linux/6.1.0 exe/x86_64.amzn.2023 prompt/off command/s3.cp`,
  (v: number) => `Boto3/1.34.${v % 100} md/Botocore#1.34.${v % 100} ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.12.2 cfg/retry-mode#legacy Botocore/1.34.${v % 100}`,
  (v: number) => `aws-sdk-js/3.${500 + (v % 100)}.0 ua/2.1 os/linux#6.1.0 lang/js md/nodejs#20.11.1 api/s3#3.${500 + (v % 100)}.0`,
  (v: number) => `aws-sdk-go-v2/1.${20 + (v % 10)}.0 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64`,
  () => 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  (v: number) => `Terraform/1.7.${v % 6} (+https://www.terraform.io) terraform-provider-aws/5.${v % 50}.0`,
];

// The high-entropy mix (the detection bench of the first releases): mostly routine calls, a few the rules care about,
// a quarter of them S3 reads (the mass-read detector's worst case).
const CALLS: Array<[string, string, number]> = [
  ['ec2.amazonaws.com', 'DescribeInstances', 30], ['s3.amazonaws.com', 'GetObject', 25], ['sts.amazonaws.com', 'AssumeRole', 15],
  ['s3.amazonaws.com', 'ListBuckets', 8], ['kms.amazonaws.com', 'Decrypt', 8], ['secretsmanager.amazonaws.com', 'GetSecretValue', 4],
  ['iam.amazonaws.com', 'CreateAccessKey', 1], ['cloudtrail.amazonaws.com', 'StopLogging', 1], ['ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', 1],
  ['signin.amazonaws.com', 'ConsoleLogin', 2], ['ec2.amazonaws.com', 'RunInstances', 2], ['ssm.amazonaws.com', 'SendCommand', 1], ['iam.amazonaws.com', 'AttachUserPolicy', 1],
];
const WEIGHTS = CALLS.reduce((s, c) => s + c[2], 0);

function highEntropyEvent(random: () => number, i: number, time: number) {
  let pick = random() * WEIGHTS;
  const [source, name] = CALLS.find((c) => (pick -= c[2]) < 0) ?? CALLS[0]!;
  const user = `user${Math.floor(random() * 200)}`;
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', principalId: `AIDA${Math.floor(random() * 1e12)}`, arn: `arn:aws:iam::111122223333:user/${user}`, accountId: '111122223333', accessKeyId: `AKIA${Math.floor(random() * 1e15)}`, userName: user },
    eventTime: new Date(time).toISOString().replace('.000Z', 'Z'), eventSource: source, eventName: name, awsRegion: random() < 0.9 ? 'us-east-1' : 'eu-west-1',
    sourceIPAddress: `52.94.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`, userAgent: `aws-sdk-js/3.${Math.floor(random() * 900)}.0 os/linux`,
    requestParameters: { bucketName: `bucket-${Math.floor(random() * 1000)}`, key: `data/${random().toString(36).slice(2)}.csv`, userName: random() < 0.5 ? user : `svc${Math.floor(random() * 9)}`, cidrIp: random() < 0.1 ? '0.0.0.0/0' : '10.0.0.0/8', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', name: 'trail', instanceType: 't3.micro' },
    responseElements: name === 'ConsoleLogin' ? { ConsoleLogin: random() < 0.5 ? 'Success' : 'Failure' } : null,
    additionalEventData: name === 'ConsoleLogin' ? { MFAUsed: 'Yes' } : undefined,
    requestID: random().toString(36).slice(2), eventID: `${i.toString(16).padStart(8, '0')}-0000-4000-8000-${Math.floor(random() * 1e12).toString(16).padStart(12, '0')}`,
    readOnly: name.startsWith('Describe') || name.startsWith('Get') || name.startsWith('List'), eventType: 'AwsApiCall', managementEvent: true, recipientAccountId: '111122223333', eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${source}` },
  };
}


interface Principal {
  identity: Record<string, unknown>;
  account: string;
  ips: string[];
  agent: string;
  region: string;
  apis: Array<[string, string]>;
  buckets: string[];
  user: string;
}

function makePrincipals(random: () => number, count: number): Principal[] {
  const out: Principal[] = [];
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  for (let i = 0; i < count; i++) {
    const account = ACCOUNTS[i % ACCOUNTS.length]!;
    const kind = random();
    const user = `user${i}`;
    let identity: Record<string, unknown>;
    let ips: string[];
    if (kind < 0.45) {
      identity = { type: 'IAMUser', principalId: `AIDA${(1e12 + i).toString(36).toUpperCase()}`, arn: `arn:aws:iam::${account}:user/${user}`, accountId: account, accessKeyId: `AKIA${(1e14 + i).toString(36).toUpperCase()}`, userName: user };
      ips = [`203.0.${113 + (i % 3)}.${1 + (i % 250)}`, `198.51.100.${1 + ((i * 7) % 250)}`].slice(0, 1 + (i % 2));
    } else if (kind < 0.8) {
      const role = `app-role-${i}`;
      identity = {
        type: 'AssumedRole', principalId: `AROA${(1e12 + i).toString(36).toUpperCase()}:session-${i}`, arn: `arn:aws:sts::${account}:assumed-role/${role}/session-${i}`, accountId: account, accessKeyId: `ASIA${(1e14 + i).toString(36).toUpperCase()}`,
        sessionContext: { sessionIssuer: { type: 'Role', principalId: `AROA${(1e12 + i).toString(36).toUpperCase()}`, arn: `arn:aws:iam::${account}:role/${role}`, accountId: account, userName: role }, attributes: { creationDate: '2026-10-01T00:00:00Z', mfaAuthenticated: 'false' } },
      };
      ips = [`52.94.${i % 256}.${1 + ((i * 13) % 250)}`];
    } else {
      const role = `ec2-role-${i % 20}`;
      const instance = `i-0${(0x1000000000000 + i * 7919).toString(16).slice(-16)}`;
      identity = {
        type: 'AssumedRole', principalId: `AROA${(1e12 + i).toString(36).toUpperCase()}:${instance}`, arn: `arn:aws:sts::${account}:assumed-role/${role}/${instance}`, accountId: account, accessKeyId: `ASIA${(1e14 + i).toString(36).toUpperCase()}`,
        sessionContext: { sessionIssuer: { type: 'Role', principalId: `AROA${(1e12 + i).toString(36).toUpperCase()}`, arn: `arn:aws:iam::${account}:role/${role}`, accountId: account, userName: role }, ec2RoleDelivery: '2.0', attributes: { creationDate: '2026-10-01T00:00:00Z', mfaAuthenticated: 'false' } },
      };
      ips = [`3.${80 + (i % 20)}.${i % 256}.${1 + ((i * 11) % 250)}`];
    }
    const apis: Array<[string, string]> = [];
    for (let k = 0; k < 4 + Math.floor(random() * 10); k++) apis.push(pick(ROUTINE));
    out.push({
      identity, account, ips, agent: pick(AGENTS)(Math.floor(random() * 1000)), region: random() < 0.8 ? REGIONS[0]! : pick(REGIONS), apis,
      buckets: Array.from({ length: 1 + Math.floor(random() * 5) }, (_, k) => `${account}-data-${(i + k * 31) % 97}`), user,
    });
  }
  return out;
}

function record(random: () => number, i: number, time: number, p: Principal, source: string, name: string, ip: string, agent: string, region: string, bucket: string, target: string) {
  return {
    eventVersion: '1.09', userIdentity: p.identity,
    eventTime: new Date(time).toISOString().replace('.000Z', 'Z'), eventSource: source, eventName: name, awsRegion: region,
    sourceIPAddress: ip, userAgent: agent,
    requestParameters: { bucketName: bucket, key: `data/${Math.floor(random() * 5000)}.csv`, userName: target, cidrIp: random() < 0.1 ? '0.0.0.0/0' : '10.0.0.0/8', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', name: 'trail', instanceType: 't3.micro' },
    responseElements: name === 'ConsoleLogin' ? { ConsoleLogin: random() < 0.5 ? 'Success' : 'Failure' } : null,
    additionalEventData: name === 'ConsoleLogin' ? { MFAUsed: 'Yes' } : undefined,
    requestID: random().toString(36).slice(2), eventID: `${i.toString(16).padStart(8, '0')}-0000-4000-8000-${Math.floor(random() * 1e12).toString(16).padStart(12, '0')}`,
    readOnly: /^(Describe|Get|List|Head)/.test(name), eventType: 'AwsApiCall', managementEvent: !['GetObject', 'PutObject', 'HeadObject', 'Invoke', 'GetItem', 'Query'].includes(name), recipientAccountId: p.account, eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${source.split('.')[0]}.${region}.amazonaws.com` },
  };
}

/** Writes gzipped delivery files into `dir` until they reach `mb` MB; returns their paths and counts. */
export function generateActivity(dir: string, mb: number, mix: ActivityMix): { files: string[]; events: number; gzBytes: number } {
  const random = rng(mix === 'organization' ? 7 : 11);
  const principals = mix === 'organization' ? makePrincipals(random, 300) : [];
  const weights = principals.map(() => random() ** 3);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const choosePrincipal = () => {
    let pick = random() * totalWeight;
    for (let k = 0; k < principals.length; k++) if ((pick -= weights[k]!) < 0) return principals[k]!;
    return principals[0]!;
  };
  const files: string[] = [];
  let events = 0;
  let gzBytes = 0;
  let time = Date.UTC(2026, 9, 1);
  let session: { p: Principal; left: number } | undefined;
  while (gzBytes < mb * 1024 * 1024) {
    const records = [];
    for (let e = 0; e < 500; e++) {
      if (mix === 'high-entropy') {
        records.push(highEntropyEvent(random, events++, (time += 800)));
        continue;
      }
      time += 150;
      if (!session || session.left-- <= 0) session = { p: choosePrincipal(), left: 1 + Math.floor(random() * 40) };
      const p = session.p;
      const notable = random() < 0.02;
      const [source, name] = notable ? NOTABLE[Math.floor(random() * NOTABLE.length)]! : p.apis[Math.floor(random() ** 2 * p.apis.length)]!;
      const ip = p.ips[random() < 0.95 ? 0 : p.ips.length - 1]!;
      const region = random() < 0.95 ? p.region : REGIONS[Math.floor(random() * REGIONS.length)]!;
      records.push(record(random, events++, time, p, source, name, ip, p.agent, region, p.buckets[Math.floor(random() * p.buckets.length)]!, random() < 0.7 ? p.user : `svc${Math.floor(random() * 9)}`));
    }
    const gz = gzipSync(Buffer.from(JSON.stringify({ Records: records })));
    const file = join(dir, `${ACCOUNTS[0]}_CloudTrail_us-east-1_${String(files.length).padStart(5, '0')}.json.gz`);
    writeFileSync(file, gz);
    files.push(file);
    gzBytes += gz.length;
  }
  return { files, events, gzBytes };
}
