import type { Prng } from './prng.ts';

/**
 * The demo organization's shape: accounts, networks, instances, people and the addresses they
 * use. Both the snapshot builders and the log generators read it, so that the logs talk about
 * the resources the snapshot describes (instance ids, ENIs, access keys, flow log ids).
 */

/** The week of logs ends here and the snapshot is collected shortly after (fixed for determinism). */
export const DEMO_END = Date.parse('2026-11-16T00:00:00Z');
export const DAY_MS = 86_400_000;
export const DEMO_DAYS = 7;
export const DEMO_START = DEMO_END - DEMO_DAYS * DAY_MS;
export const COLLECTED_AT = new Date(DEMO_END + 6 * 3_600_000).toISOString();

export const REGIONS = ['us-east-1', 'eu-west-1'] as const;
/** An opt-in region that the accounts have not enabled: reported in the manifest's skippedRegions. */
export const OPTED_OUT_REGION = 'af-south-1';

export type AccountKey = 'management' | 'prod' | 'dev';
export interface DemoAccount {
  key: AccountKey;
  id: string;
  name: string;
  email: string;
}

export const ACCOUNTS: Record<AccountKey, DemoAccount> = {
  management: { key: 'management', id: '111111111111', name: 'management', email: 'aws-management@acme-demo.example' },
  prod: { key: 'prod', id: '222222222222', name: 'prod', email: 'aws-prod@acme-demo.example' },
  dev: { key: 'dev', id: '333333333333', name: 'dev', email: 'aws-dev@acme-demo.example' },
};
export const ACCOUNT_LIST: DemoAccount[] = [ACCOUNTS.management, ACCOUNTS.prod, ACCOUNTS.dev];

/** An account outside the organization (a vendor, or the attacker's). */
export const EXTERNAL_ACCOUNT = '999988887777';
export const ATTACKER_ACCOUNT = '444455556666';

/**
 * Stable addresses of the benign principals (so baselines learn them) and of the attackers.
 * Benign ones sit in real ISP/cloud ranges so that ASN and country lookups give stable answers.
 */
export const IPS = {
  office: '73.162.10.20', // Comcast, US
  aliceHome: '98.113.40.7', // Verizon, US
  daveHome: '71.192.33.18', // Comcast, US
  ciRunner: '20.42.8.15', // Microsoft (GitHub-hosted runners run in Azure)
  prodNatUsEast: '54.210.17.9', // AWS us-east-1 (NAT gateway EIP)
  prodNatEuWest: '34.240.61.20', // AWS eu-west-1 (NAT gateway EIP)
  devWebPublic: '35.171.20.5', // AWS us-east-1 (dev-web's public IP)
  mgmtBastionPublic: '3.80.12.34', // AWS us-east-1
  // Attackers (all listed in the demo threat-intel file).
  torExit: '185.220.101.47', // a Tor exit relay range, DE
  attackerVps: '5.188.62.14', // hosting ASN, RU
  exfilHost: '45.137.21.9', // hosting ASN, NL
  sshScanner: '91.240.118.172', // hosting ASN, HK
  miningPool: '198.51.100.23', // documentation range, stands for a Monero pool
} as const;

export const ATTACKER_IPS: string[] = [IPS.torExit, IPS.attackerVps, IPS.exfilHost, IPS.sshScanner, IPS.miningPool];
export const MINING_POOL_DOMAIN = 'pool.supportxmr.com';
export const EXFIL_DOMAIN = 'cdn-telemetry-sync.xyz';

export interface Subnet {
  id: string;
  cidr: string;
  az: string;
  public: boolean;
}
export interface Instance {
  id: string;
  name: string;
  account: string;
  region: string;
  subnetId: string;
  privateIp: string;
  publicIp?: string;
  eni: string;
  sgIds: string[];
  roleName?: string;
  imdsV2: boolean;
  volumeId: string;
  encryptedVolume: boolean;
}
export interface Network {
  account: string;
  region: string;
  vpcId: string;
  cidr: string;
  isDefault: boolean;
  subnets: Subnet[];
  igwId: string;
  mainRouteTableId: string;
  publicRouteTableId: string;
  naclId: string;
  defaultSgId: string;
  /** Security groups beyond the default one, by purpose. */
  sgs: Record<string, string>;
  /** Present when the VPC has flow logs to S3. */
  flowLogId?: string;
  /** Present when Route 53 Resolver query logging covers the VPC. */
  queryLogConfigId?: string;
  instances: Instance[];
  /** Extra ENIs (load balancer) that see traffic. */
  albEnis: Array<{ eni: string; privateIp: string }>;
}

export interface AccessKey {
  id: string;
  status: 'Active' | 'Inactive';
  created: string;
  lastUsed?: string;
}
export interface DemoUser {
  account: string;
  name: string;
  userId: string;
  created: string;
  console: boolean;
  passwordLastUsed?: string;
  mfa: boolean;
  keys: AccessKey[];
  groups: string[];
  attached: string[];
  inline?: { name: string; document: object };
}

export interface DemoOrg {
  orgId: string;
  rootId: string;
  accounts: DemoAccount[];
  networks: Network[];
  users: DemoUser[];
  /** Role ids (AROA…) by `account/roleName`. */
  roleIds: Record<string, string>;
  /** The management account's org trail and its log bucket. */
  trailBucket: string;
  flowLogBucket: string;
  dnsLogBucket: string;
  rootKeyDev: string;
  /** KMS key id (uuid) that encrypts the organization trail. */
  trailKmsKeyId: string;
  /** Set while building prod's WAF: the CLOUDFRONT-scope web ACL its distribution uses. */
  cfWebAclArn?: string;
  /** dev's EBS snapshots: one public, one shared with an outside account during the embedded attack. */
  devSnapshots: { public: string; shared: string };
  /** The access key the attacker creates for dev's ci-legacy user. */
  attackerKeyId: string;
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function iamId(rng: Prng, prefix: 'AIDA' | 'AROA' | 'AKIA' | 'ASIA' | 'ANPA' | 'AGPA' | 'ASCA', length = 16): string {
  return prefix + rng.chars(ID_CHARS, length);
}

export function ec2Id(rng: Prng, prefix: string): string {
  return `${prefix}-${rng.hex(17)}`;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A date some days before the end of the demo week (snapshot "created" dates). */
export function daysAgo(days: number, hour = 10): string {
  const base = DEMO_END - days * DAY_MS;
  return iso(base - (base % DAY_MS) + hour * 3_600_000);
}

export function buildOrg(rng: Prng): DemoOrg {
  const r = rng.fork('org');
  const orgId = `o-${r.chars('abcdefghijklmnopqrstuvwxyz0123456789', 10)}`;
  const rootId = `r-${r.chars('abcdefghijklmnopqrstuvwxyz0123456789', 4)}`;

  const net = (account: DemoAccount, region: string, second: number, opts: { isDefault?: boolean; flowLogs: boolean; dnsLogs: boolean }): Network => {
    const cidr = opts.isDefault ? '172.31.0.0/16' : `10.${second}.0.0/16`;
    const base = opts.isDefault ? '172.31' : `10.${second}`;
    const azs = [`${region}a`, `${region}b`];
    return {
      account: account.id,
      region,
      vpcId: ec2Id(r, 'vpc'),
      cidr,
      isDefault: !!opts.isDefault,
      subnets: [
        { id: ec2Id(r, 'subnet'), cidr: `${base}.0.0/24`, az: azs[0]!, public: true },
        { id: ec2Id(r, 'subnet'), cidr: `${base}.1.0/24`, az: azs[1]!, public: true },
        { id: ec2Id(r, 'subnet'), cidr: `${base}.10.0/24`, az: azs[0]!, public: false },
        { id: ec2Id(r, 'subnet'), cidr: `${base}.11.0/24`, az: azs[1]!, public: false },
      ],
      igwId: ec2Id(r, 'igw'),
      mainRouteTableId: ec2Id(r, 'rtb'),
      publicRouteTableId: ec2Id(r, 'rtb'),
      naclId: ec2Id(r, 'acl'),
      defaultSgId: ec2Id(r, 'sg'),
      sgs: {},
      flowLogId: opts.flowLogs ? `fl-${r.hex(17)}` : undefined,
      queryLogConfigId: opts.dnsLogs ? `rqlc-${r.hex(16)}` : undefined,
      instances: [],
      albEnis: [],
    };
  };
  const instance = (n: Network, name: string, subnetIdx: number, host: number, extra: Partial<Instance>): Instance => {
    const subnet = n.subnets[subnetIdx]!;
    const i: Instance = {
      id: ec2Id(r, 'i'),
      name,
      account: n.account,
      region: n.region,
      subnetId: subnet.id,
      privateIp: subnet.cidr.replace(/\.0\/24$/, `.${host}`),
      eni: ec2Id(r, 'eni'),
      sgIds: [],
      imdsV2: true,
      volumeId: ec2Id(r, 'vol'),
      encryptedVolume: true,
      ...extra,
    };
    n.instances.push(i);
    return i;
  };

  const { management, prod, dev } = ACCOUNTS;
  const mgmtUse = net(management, 'us-east-1', 0, { flowLogs: true, dnsLogs: false });
  mgmtUse.sgs = { bastion: ec2Id(r, 'sg') };
  instance(mgmtUse, 'bastion', 0, 20, { publicIp: IPS.mgmtBastionPublic, sgIds: [mgmtUse.sgs.bastion!] });
  const mgmtEu = net(management, 'eu-west-1', 0, { isDefault: true, flowLogs: false, dnsLogs: false });

  const prodUse = net(prod, 'us-east-1', 10, { flowLogs: true, dnsLogs: true });
  prodUse.sgs = { alb: ec2Id(r, 'sg'), app: ec2Id(r, 'sg'), db: ec2Id(r, 'sg') };
  instance(prodUse, 'app-server-1', 2, 21, { roleName: 'app-server', sgIds: [prodUse.sgs.app!] });
  instance(prodUse, 'app-server-2', 3, 22, { roleName: 'app-server', sgIds: [prodUse.sgs.app!], imdsV2: false });
  prodUse.albEnis = [
    { eni: ec2Id(r, 'eni'), privateIp: '10.10.0.100' },
    { eni: ec2Id(r, 'eni'), privateIp: '10.10.1.100' },
  ];
  const prodEu = net(prod, 'eu-west-1', 11, { flowLogs: true, dnsLogs: false });
  prodEu.sgs = { app: ec2Id(r, 'sg') };
  instance(prodEu, 'app-server-eu-1', 2, 21, { roleName: 'app-server', sgIds: [prodEu.sgs.app!] });

  const devUse = net(dev, 'us-east-1', 20, { flowLogs: true, dnsLogs: true });
  devUse.sgs = { web: ec2Id(r, 'sg'), build: ec2Id(r, 'sg') };
  instance(devUse, 'dev-web', 0, 30, { publicIp: IPS.devWebPublic, roleName: 'dev-web-role', sgIds: [devUse.sgs.web!], imdsV2: false, encryptedVolume: false });
  instance(devUse, 'dev-build', 2, 31, { roleName: 'dev-build-role', sgIds: [devUse.sgs.build!], encryptedVolume: false });
  const devEu = net(dev, 'eu-west-1', 21, { flowLogs: false, dnsLogs: false });
  devEu.sgs = { web: ec2Id(r, 'sg') };
  instance(devEu, 'dev-eu-test', 2, 40, { sgIds: [devEu.sgs.web!] });

  const key = (status: AccessKey['status'], createdDaysAgo: number, lastUsedDaysAgo?: number): AccessKey => ({
    id: iamId(r, 'AKIA'),
    status,
    created: daysAgo(createdDaysAgo, 9),
    lastUsed: lastUsedDaysAgo === undefined ? undefined : daysAgo(lastUsedDaysAgo, 15),
  });
  const user = (account: DemoAccount, name: string, u: Omit<DemoUser, 'account' | 'name' | 'userId'>): DemoUser => ({ account: account.id, name, userId: iamId(r, 'AIDA', 17), ...u });
  const attackerKeyId = iamId(r, 'AKIA');
  const users: DemoUser[] = [
    user(management, 'alice', { created: daysAgo(700), console: true, passwordLastUsed: daysAgo(1, 14), mfa: true, keys: [key('Active', 60, 0)], groups: ['Admins'], attached: [] }),
    user(management, 'bob', { created: daysAgo(400), console: true, passwordLastUsed: daysAgo(1, 16), mfa: true, keys: [], groups: ['SecurityAuditors'], attached: [] }),
    user(prod, 'svc-reporting', {
      created: daysAgo(900), console: false, mfa: false, keys: [key('Active', 500, 200), key('Inactive', 800)], groups: [], attached: [],
      inline: { name: 'reporting-read', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::acme-prod-reports', 'arn:aws:s3:::acme-prod-reports/*'] }] } },
    }),
    user(dev, 'carol', { created: daysAgo(300), console: true, passwordLastUsed: daysAgo(1, 15), mfa: true, keys: [key('Active', 80, 0)], groups: ['Developers'], attached: [] }),
    user(dev, 'dave', { created: daysAgo(250), console: true, passwordLastUsed: daysAgo(1, 1), mfa: false, keys: [key('Active', 120, 0)], groups: ['Developers'], attached: ['arn:aws:iam::aws:policy/IAMFullAccess'] }),
    // ci-legacy as collected after the embedded attack: a second key and AdministratorAccess, both added by the attacker.
    user(dev, 'ci-legacy', { created: daysAgo(600), console: false, mfa: false, keys: [key('Active', 400, 0), { id: attackerKeyId, status: 'Active', created: daysAgo(1, 1), lastUsed: daysAgo(1, 3) }], groups: [], attached: ['arn:aws:iam::aws:policy/PowerUserAccess', 'arn:aws:iam::aws:policy/AdministratorAccess'] }),
  ];

  const roleIds: Record<string, string> = {};
  const roleNames: Record<AccountKey, string[]> = {
    management: ['OrganizationAdmin', 'AWSServiceRoleForConfig', 'AWSServiceRoleForOrganizations', 'security-audit'],
    prod: ['OrganizationAccountAccessRole', 'AWSServiceRoleForConfig', 'app-server', 'ci-deploy', 'orders-processor-role', 'vendor-audit', 'prod-trail-cwl'],
    dev: ['OrganizationAccountAccessRole', 'AWSServiceRoleForConfig', 'dev-web-role', 'dev-build-role', 'deploy-role', 'thumbnailer-role'],
  };
  for (const account of ACCOUNT_LIST) for (const name of roleNames[account.key]) roleIds[`${account.id}/${name}`] = iamId(r, 'AROA', 17);

  return {
    orgId,
    rootId,
    accounts: ACCOUNT_LIST,
    networks: [mgmtUse, mgmtEu, prodUse, prodEu, devUse, devEu],
    users,
    roleIds,
    trailBucket: `acme-org-cloudtrail-${management.id}`,
    flowLogBucket: 'acme-vpc-flow-logs',
    dnsLogBucket: 'acme-resolver-query-logs',
    rootKeyDev: iamId(r, 'AKIA'),
    trailKmsKeyId: r.uuid(),
    devSnapshots: { public: ec2Id(r, 'snap'), shared: ec2Id(r, 'snap') },
    attackerKeyId,
  };
}

export function networkOf(org: DemoOrg, account: string, region: string): Network | undefined {
  return org.networks.find((n) => n.account === account && n.region === region);
}

export function userOf(org: DemoOrg, account: string, name: string): DemoUser {
  const found = org.users.find((u) => u.account === account && u.name === name);
  if (!found) throw new Error(`demo: no user ${name} in ${account}`);
  return found;
}

export function instanceNamed(org: DemoOrg, name: string): Instance {
  for (const n of org.networks) for (const i of n.instances) if (i.name === name) return i;
  throw new Error(`demo: no instance ${name}`);
}

export function roleId(org: DemoOrg, account: string, name: string): string {
  return org.roleIds[`${account}/${name}`] ?? `AROA${account}${name.length}`;
}
