import type { CloudTrailEvent } from '../logs/types.ts';
import { ACCOUNTS, ATTACKER_ACCOUNT, DAY_MS, DEMO_START, EXFIL_DOMAIN, IPS, MINING_POOL_DOMAIN, iamId, instanceNamed, networkOf, userOf, type DemoOrg } from './org.ts';
import type { Prng } from './prng.ts';
import { conversation, flowLine } from './logs/flow.ts';
import { resolverRecord } from './logs/dns.ts';
import { instanceSession } from './logs/cloudtrail.ts';
import { assumedRoleIdentity, ctRecord, ctTime, iamUserIdentity, rootIdentity, USER_AGENTS, type RecordSpec } from './logs/records.ts';
import type { DnsLine, FlowLine } from './logs/write.ts';

/**
 * The embedded attacks, on the last two days of the week (Saturday 14 and Sunday 15 November).
 * Saturday: a scanner brute-forces SSH on dev's `dev-web`, probes it, gets in, mines Monero,
 * runs a DGA, tunnels data out over DNS, and the instance's role credentials are used from
 * outside AWS. Sunday: dev's `dave` is brute-forced in the console; the attacker persists with
 * a key for `ci-legacy`, escalates, blinds logging and GuardDuty, opens a bucket and a trust
 * policy, shares a snapshot out, reads every secret, launches miners in an unused region, tries
 * to leave the organization, and finally signs in as root.
 * Every event is recorded in ATTACKS.json with the finding type and ATT&CK technique expected.
 */

export interface AttackTruth {
  id: string;
  title: string;
  /** The GuardDuty finding type when GuardDuty has one, else a name in the same grammar. */
  type: string;
  /** Other names a detector may reasonably give the same activity (GuardDuty's AnomalousBehavior family…). */
  alternativeTypes: string[];
  techniques: string[];
  severity: 'LOW' | 'MEDIUM' | 'HIGH';
  source: 'cloudtrail' | 'vpcflow' | 'dns';
  account: string;
  region: string;
  actor: { ip?: string; arn?: string; accessKeyId?: string; instanceId?: string };
  firstSeen: string;
  lastSeen: string;
  /** Detecting it needs the demo threat-intel file (`--intel`). */
  requiresIntel?: boolean;
  eventNames?: string[];
  /** CloudTrail eventIDs behind the attack. */
  eventIds?: string[];
  /** Flow/DNS lines behind the attack, as `path/relative/to/logs.log.gz:line`. */
  refs?: string[];
}

export interface AttackSet {
  cloudtrail: CloudTrailEvent[];
  flows: FlowLine[];
  dns: DnsLine[];
  truths: AttackTruth[];
}

type Meta = Omit<AttackTruth, 'firstSeen' | 'lastSeen' | 'eventIds' | 'refs' | 'eventNames' | 'source' | 'account' | 'region' | 'actor' | 'alternativeTypes'> & Partial<Pick<AttackTruth, 'alternativeTypes' | 'requiresIntel'>>;

const MIN = 60_000;
const HOUR = 3_600_000;

/** `benignRng` is the benign generator's stream, to name the instance key it issued. */
export function generateAttacks(org: DemoOrg, rng: Prng, benignRng: Prng): AttackSet {
  const set: AttackSet = { cloudtrail: [], flows: [], dns: [], truths: [] };
  const truths = new Map<string, AttackTruth>();
  const times = new Map<string, number[]>();
  const open = (meta: Meta, source: AttackTruth['source'], account: string, region: string, actor: AttackTruth['actor']) => {
    truths.set(meta.id, { alternativeTypes: [], ...meta, source, account, region, actor, firstSeen: '', lastSeen: '', ...(source === 'cloudtrail' ? { eventNames: [], eventIds: [] } : { refs: [] }) });
    times.set(meta.id, []);
  };
  const note = (id: string, time: number) => times.get(id)!.push(time);

  const r = rng.fork('attacks');
  const ct = (ids: string[], spec: RecordSpec) => {
    const record = ctRecord(r, spec);
    set.cloudtrail.push(record);
    for (const id of ids) {
      const t = truths.get(id)!;
      t.eventIds!.push(record.eventID);
      if (!t.eventNames!.includes(record.eventName)) t.eventNames!.push(record.eventName);
      note(id, spec.time);
    }
    return record;
  };

  const SAT = DEMO_START + 5 * DAY_MS;
  const SUN = DEMO_START + 6 * DAY_MS;
  const dev = ACCOUNTS.dev.id;
  const devWeb = instanceNamed(org, 'dev-web');
  const devBuild = instanceNamed(org, 'dev-build');
  const devNet = networkOf(org, dev, 'us-east-1')!;

  // ---------------------------------------------------------------- Saturday: the dev-web instance
  const flows = (id: string, lines: FlowLine[], tagged: (l: FlowLine, i: number) => boolean = (_l, i) => i % 2 === 0) => {
    lines.forEach((l, i) => {
      if (tagged(l, i)) {
        l.attack = id;
        note(id, l.start * 1000);
      }
      set.flows.push(l);
    });
  };
  const sec = (ms: number) => Math.floor(ms / 1000);
  const window = (ms: number) => sec(ms) - (sec(ms) % 600);

  open({ id: 'ssh-brute-force', title: 'SSH brute force against dev-web from an internet scanner', type: 'UnauthorizedAccess:EC2/SSHBruteForce', techniques: ['T1110.001'], severity: 'LOW' }, 'vpcflow', dev, 'us-east-1', { ip: IPS.sshScanner, instanceId: devWeb.id });
  for (let k = 0; k < 420; k++) {
    const t = SAT + 2 * HOUR + 10 * MIN + Math.floor((k / 420) * 40 * MIN);
    flows('ssh-brute-force', conversation(devNet, devWeb.eni, IPS.sshScanner, devWeb.privateIp, r.int(32768, 60999), 22, window(t), r));
  }
  // The guess that worked: one long interactive session.
  flows('ssh-brute-force', conversation(devNet, devWeb.eni, IPS.sshScanner, devWeb.privateIp, 51514, 22, window(SAT + 2 * HOUR + 52 * MIN), r, 200));

  open({ id: 'rdp-brute-force', title: 'RDP brute force against dev-web', type: 'UnauthorizedAccess:EC2/RDPBruteForce', techniques: ['T1110.001'], severity: 'LOW' }, 'vpcflow', dev, 'us-east-1', { ip: IPS.sshScanner, instanceId: devWeb.id });
  for (let k = 0; k < 160; k++) {
    const t = SAT + 3 * HOUR + 5 * MIN + Math.floor((k / 160) * 15 * MIN);
    flows('rdp-brute-force', conversation(devNet, devWeb.eni, IPS.sshScanner, devWeb.privateIp, r.int(32768, 60999), 3389, window(t), r));
  }

  open({ id: 'port-probe', title: 'Port scan of dev-web from the internet (unprotected ports probed)', type: 'Recon:EC2/PortProbeUnprotectedPort', alternativeTypes: ['Recon:EC2/Portscan'], techniques: ['T1595.001'], severity: 'LOW' }, 'vpcflow', dev, 'us-east-1', { ip: IPS.sshScanner, instanceId: devWeb.id });
  {
    const ports = new Set<number>([21, 22, 23, 25, 80, 110, 135, 139, 443, 445, 1433, 3306, 3389, 5432, 5900, 6379, 8080, 8443, 9200, 27017]);
    while (ports.size < 260) ports.add(r.int(1, 10000));
    let k = 0;
    for (const port of [...ports].sort((a, b) => a - b)) {
      const t = SAT + 2 * HOUR + 55 * MIN + k++ * 800;
      const open = port === 22 || port === 80 || port === 3389;
      flows('port-probe', [{ account: dev, region: 'us-east-1', flowLogId: devNet.flowLogId!, start: window(t), line: flowLine(dev, devWeb.eni, IPS.sshScanner, devWeb.privateIp, 40000 + (k % 20000), port, 6, 1, 44, window(t), window(t) + 59, open ? 'ACCEPT' : 'REJECT') }], () => true);
    }
  }

  open({ id: 'outbound-portscan', title: 'dev-web scans the internal network (outbound port scan)', type: 'Recon:EC2/Portscan', techniques: ['T1046'], severity: 'MEDIUM' }, 'vpcflow', dev, 'us-east-1', { instanceId: devWeb.id });
  for (let port = 1; port <= 1024; port++) {
    const t = SAT + 4 * HOUR + port * 300;
    const start = window(t);
    const src = r.int(40000, 60000);
    flows('outbound-portscan', [
      { account: dev, region: 'us-east-1', flowLogId: devNet.flowLogId!, start, line: flowLine(dev, devWeb.eni, devWeb.privateIp, devBuild.privateIp, src, port, 6, 1, 44, start, start + 59, 'ACCEPT') },
      { account: dev, region: 'us-east-1', flowLogId: devNet.flowLogId!, start, line: flowLine(dev, devBuild.eni, devWeb.privateIp, devBuild.privateIp, src, port, 6, 1, 44, start, start + 59, 'REJECT') },
    ]);
  }

  open({ id: 'mining-pool-traffic', title: 'dev-web connects to a Monero mining pool (stratum ports 3333/4444)', type: 'CryptoCurrency:EC2/BitcoinTool.B', techniques: ['T1496'], severity: 'HIGH', requiresIntel: true }, 'vpcflow', dev, 'us-east-1', { ip: IPS.miningPool, instanceId: devWeb.id });
  for (let t = SAT + 4 * HOUR + 20 * MIN; t < SUN + DAY_MS; t += 10 * MIN) {
    flows('mining-pool-traffic', conversation(devNet, devWeb.eni, devWeb.privateIp, IPS.miningPool, 43122, 3333, window(t), r, 8));
    if (r.chance(0.3)) flows('mining-pool-traffic', conversation(devNet, devWeb.eni, devWeb.privateIp, IPS.miningPool, r.int(40000, 60000), 4444, window(t), r, 2));
  }

  // DNS from the same instance.
  const dnsLine = (id: string, t: number, name: string, answers: string[], opts: { type?: string; rcode?: string } = {}) => {
    set.dns.push({ account: dev, vpcId: devNet.vpcId, time: t, record: resolverRecord(devNet, devWeb, t, name, answers, r, opts), attack: id });
    note(id, t);
  };
  open({ id: 'mining-pool-dns', title: 'dev-web resolves a Monero mining pool', type: 'CryptoCurrency:EC2/BitcoinTool.B!DNS', techniques: ['T1496'], severity: 'HIGH' }, 'dns', dev, 'us-east-1', { instanceId: devWeb.id });
  for (let t = SAT + 4 * HOUR + 18 * MIN; t < SUN + DAY_MS; t += HOUR) dnsLine('mining-pool-dns', t, `${MINING_POOL_DOMAIN}.`, [IPS.miningPool]);

  open({ id: 'dga-burst', title: 'dev-web queries many algorithmically generated domains (NXDOMAIN burst)', type: 'Trojan:EC2/DGADomainRequest.C!DNS', alternativeTypes: ['Trojan:EC2/DGADomainRequest.B'], techniques: ['T1568.002'], severity: 'HIGH' }, 'dns', dev, 'us-east-1', { instanceId: devWeb.id });
  for (let k = 0; k < 90; k++) {
    const label = r.chars('abcdefghijklmnopqrstuvwxyz0123456789', r.int(12, 22));
    dnsLine('dga-burst', SAT + 5 * HOUR + k * 2_000, `${label}.${r.pick(['com', 'net', 'info', 'biz', 'ru'])}.`, [], { rcode: 'NXDOMAIN' });
  }

  open({ id: 'dns-exfiltration', title: 'Data tunnelled out of dev-web in long high-entropy DNS labels', type: 'Trojan:EC2/DNSDataExfiltration', techniques: ['T1048.003', 'T1071.004'], severity: 'HIGH' }, 'dns', dev, 'us-east-1', { instanceId: devWeb.id });
  for (let k = 0; k < 320; k++) {
    const chunk = r.chars('abcdefghijklmnopqrstuvwxyz234567', r.int(52, 63));
    dnsLine('dns-exfiltration', SAT + 5 * HOUR + 30 * MIN + k * 3_500, `${chunk}.${k.toString(16)}.t.${EXFIL_DOMAIN}.`, ['"ack"'], { type: 'TXT' });
  }

  // The instance's role credentials, stolen through IMDSv1 and used from a hosting provider.
  const theft = SAT + 6 * HOUR + 25 * MIN;
  // The session EC2 delivered at 06:00 that day (block 1), as the benign generator logged it.
  const stolen = instanceSession(org, benignRng, devWeb, 5, 1);
  if (stolen.created > theft) throw new Error('demo: dev-web credentials issued after the theft');
  open({ id: 'instance-credential-exfiltration', title: "dev-web's instance role credentials used from outside AWS", type: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS', techniques: ['T1552.005'], severity: 'HIGH' }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.exfilHost, accessKeyId: stolen.accessKeyId, arn: `arn:aws:sts::${dev}:assumed-role/${devWeb.roleName}/${devWeb.id}`, instanceId: devWeb.id });
  const stolenId = assumedRoleIdentity(stolen);
  const theftCalls: Array<[string, string, boolean, Record<string, unknown> | null, string?]> = [
    ['sts', 'GetCallerIdentity', true, null], ['s3', 'ListBuckets', true, { Host: 's3.amazonaws.com' }], ['ec2', 'DescribeInstances', true, { instancesSet: {}, filterSet: {} }],
    ['iam', 'ListRoles', true, null, 'AccessDenied'], ['secretsmanager', 'ListSecrets', true, null], ['lambda', 'ListFunctions20150331', true, null], ['dynamodb', 'ListTables', true, null],
    ['ssm', 'DescribeParameters', true, null], ['ssm', 'GetParameter', true, { name: '/dev/db/password' }], ['s3', 'ListObjects', true, { bucketName: 'acme-dev-shared-exports', Host: 'acme-dev-shared-exports.s3.amazonaws.com' }],
  ];
  theftCalls.forEach(([service, name, readOnly, params, errorCode], k) => {
    ct(['instance-credential-exfiltration'], {
      time: theft + k * 23_000, account: dev, region: 'us-east-1', identity: stolenId, source: `${service}.amazonaws.com`, name, readOnly, params, ip: IPS.exfilHost, ua: USER_AGENTS.boto3,
      ...(errorCode ? { errorCode, errorMessage: `User: arn:aws:sts::${dev}:assumed-role/${devWeb.roleName}/${devWeb.id} is not authorized to perform: iam:ListRoles` } : {}),
    });
  });

  // ---------------------------------------------------------------- Sunday: the dev account
  const dave = userOf(org, dev, 'dave');
  const ciLegacy = userOf(org, dev, 'ci-legacy');
  open({ id: 'console-brute-force', title: "Console password guessing against dave, then a successful sign-in", type: 'UnauthorizedAccess:IAMUser/ConsoleLoginBruteForce', alternativeTypes: ['CredentialAccess:IAMUser/AnomalousBehavior'], techniques: ['T1110.001'], severity: 'MEDIUM' }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.attackerVps, arn: `arn:aws:iam::${dev}:user/dave` });
  open({ id: 'console-login-new-location', title: 'dave signs in to the console from a new country and network, without MFA', type: 'UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B', alternativeTypes: ['InitialAccess:IAMUser/AnomalousBehavior'], techniques: ['T1078.004'], severity: 'MEDIUM' }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.attackerVps, arn: `arn:aws:iam::${dev}:user/dave` });
  open({ id: 'malicious-ip-caller', title: 'API and console activity from an address on the demo threat list', type: 'UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom', alternativeTypes: ['Recon:IAMUser/MaliciousIPCaller.Custom', 'UnauthorizedAccess:IAMUser/MaliciousIPCaller'], techniques: ['T1078.004'], severity: 'MEDIUM', requiresIntel: true }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.attackerVps });
  const daveLogin = iamUserIdentity(dev, 'dave', dave.userId, '');
  const loginExtra = (mfa: boolean) => ({ LoginTo: 'https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1_x', MobileVersion: 'No', MFAUsed: mfa ? 'Yes' : 'No' });
  let t = SUN + 1 * HOUR;
  for (let k = 0; k < 26; k++) {
    t += r.int(20_000, 70_000);
    ct(['console-brute-force', 'malicious-ip-caller'], { time: t, account: dev, region: 'us-east-1', identity: daveLogin, source: 'signin.amazonaws.com', name: 'ConsoleLogin', ip: IPS.attackerVps, ua: USER_AGENTS.attackerBrowser, eventType: 'AwsConsoleSignIn', errorMessage: 'Failed authentication', response: { ConsoleLogin: 'Failure' }, additional: loginExtra(false) });
  }
  t += 45_000;
  const daveSessionStart = t;
  ct(['console-brute-force', 'console-login-new-location', 'malicious-ip-caller'], { time: t, account: dev, region: 'us-east-1', identity: daveLogin, source: 'signin.amazonaws.com', name: 'ConsoleLogin', ip: IPS.attackerVps, ua: USER_AGENTS.attackerBrowser, eventType: 'AwsConsoleSignIn', response: { ConsoleLogin: 'Success' }, additional: loginExtra(false) });

  // In dave's console session: look around, then persist and escalate through ci-legacy.
  const daveConsole = iamUserIdentity(dev, 'dave', dave.userId, iamId(r, 'ASIA'), { mfa: false, created: daveSessionStart });
  const consoleCall = (ids: string[], dt: number, source: string, name: string, readOnly: boolean, params: Record<string, unknown> | null, response: Record<string, unknown> | null = null) =>
    ct([...ids, 'malicious-ip-caller'], { time: daveSessionStart + dt, account: dev, region: 'us-east-1', identity: daveConsole, source: `${source}.amazonaws.com`, name, readOnly, params, response, ip: IPS.attackerVps, ua: USER_AGENTS.console, consoleSession: true });
  consoleCall([], 40_000, 'iam', 'ListUsers', true, null);
  consoleCall([], 70_000, 'iam', 'ListAttachedUserPolicies', true, { userName: 'ci-legacy' });
  open({ id: 'access-key-for-other-user', title: 'dave creates an access key for another user (ci-legacy)', type: 'Persistence:IAMUser/AnomalousBehavior', alternativeTypes: ['Persistence:IAMUser/AccessKeyCreatedForOtherUser'], techniques: ['T1098.001'], severity: 'MEDIUM' }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.attackerVps, arn: `arn:aws:iam::${dev}:user/dave` });
  consoleCall(['access-key-for-other-user'], 100_000, 'iam', 'CreateAccessKey', false, { userName: 'ci-legacy' }, { accessKey: { userName: 'ci-legacy', accessKeyId: org.attackerKeyId, status: 'Active', createDate: new Date(daveSessionStart + 100_000).toUTCString() } });
  open({ id: 'admin-policy-attached', title: 'AdministratorAccess attached to ci-legacy', type: 'PrivilegeEscalation:IAMUser/AnomalousBehavior', alternativeTypes: ['PrivilegeEscalation:IAMUser/AdministrativePolicyAttached'], techniques: ['T1098.003'], severity: 'HIGH' }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.attackerVps, arn: `arn:aws:iam::${dev}:user/dave` });
  consoleCall(['admin-policy-attached'], 130_000, 'iam', 'AttachUserPolicy', false, { userName: 'ci-legacy', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });

  // From here the attacker uses ci-legacy's new key over Tor, with a Kali Linux AWS CLI.
  const tor = iamUserIdentity(dev, 'ci-legacy', ciLegacy.userId, org.attackerKeyId);
  open({ id: 'tor-caller', title: "ci-legacy's new key used through Tor", type: 'UnauthorizedAccess:IAMUser/TorIPCaller', alternativeTypes: ['Recon:IAMUser/TorIPCaller'], techniques: ['T1090.003'], severity: 'MEDIUM', requiresIntel: true }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.torExit, accessKeyId: org.attackerKeyId, arn: `arn:aws:iam::${dev}:user/ci-legacy` });
  open({ id: 'pentest-kali', title: 'API calls from a Kali Linux penetration-testing host', type: 'PenTest:IAMUser/KaliLinux', techniques: ['T1078.004'], severity: 'MEDIUM' }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.torExit, accessKeyId: org.attackerKeyId });
  const torCall = (ids: string[], at: number, region: string, source: string, name: string, readOnly: boolean, params: Record<string, unknown> | null, extra: Partial<RecordSpec> = {}) =>
    ct([...ids, 'tor-caller', 'pentest-kali'], { time: at, account: dev, region, identity: tor, source: `${source}.amazonaws.com`, name, readOnly, params, ip: IPS.torExit, ua: USER_AGENTS.kali, ...extra });
  const torStart = SUN + 1 * HOUR + 50 * MIN;
  torCall([], torStart, 'us-east-1', 'sts', 'GetCallerIdentity', true, null);
  torCall([], torStart + 20_000, 'us-east-1', 's3', 'ListBuckets', true, { Host: 's3.amazonaws.com' });
  torCall([], torStart + 35_000, 'us-east-1', 'ec2', 'DescribeInstances', true, { instancesSet: {}, filterSet: {} });
  torCall([], torStart + 50_000, 'us-east-1', 'iam', 'ListUsers', true, null);
  torCall([], torStart + 65_000, 'us-east-1', 'cloudtrail', 'DescribeTrails', true, { includeShadowTrails: true });

  // Defence evasion: GuardDuty in eu-west-1, the account's own trail; the organization trail is protected by an SCP.
  open({ id: 'guardduty-detector-deleted', title: "GuardDuty detector deleted in dev's eu-west-1", type: 'Stealth:IAMUser/GuardDutyDetectorDeleted', alternativeTypes: ['DefenseEvasion:IAMUser/AnomalousBehavior'], techniques: ['T1562.001'], severity: 'MEDIUM' }, 'cloudtrail', dev, 'eu-west-1', { ip: IPS.torExit, accessKeyId: org.attackerKeyId });
  const detectorId = r.hex(32);
  torCall(['guardduty-detector-deleted'], torStart + 2 * MIN, 'eu-west-1', 'guardduty', 'ListDetectors', true, null, { response: null });
  torCall(['guardduty-detector-deleted'], torStart + 2 * MIN + 15_000, 'eu-west-1', 'guardduty', 'DeleteDetector', false, { detectorId });
  const devTrailArn = `arn:aws:cloudtrail:us-east-1:${dev}:trail/dev-trail`;
  const orgTrailArn = `arn:aws:cloudtrail:us-east-1:${ACCOUNTS.management.id}:trail/org-trail`;
  open({ id: 'cloudtrail-selectors-drop-management', title: "dev-trail's event selectors changed to drop management events", type: 'Stealth:IAMUser/CloudTrailEventSelectorsModified', alternativeTypes: ['DefenseEvasion:IAMUser/AnomalousBehavior', 'Stealth:IAMUser/CloudTrailLoggingDisabled'], techniques: ['T1562.008'], severity: 'MEDIUM' }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.torExit, accessKeyId: org.attackerKeyId });
  torCall(['cloudtrail-selectors-drop-management'], torStart + 4 * MIN, 'us-east-1', 'cloudtrail', 'PutEventSelectors', false, { trailName: 'dev-trail', eventSelectors: [{ readWriteType: 'ReadOnly', includeManagementEvents: false, dataResources: [], excludeManagementEventSources: [] }] }, { response: { trailARN: devTrailArn, eventSelectors: [{ readWriteType: 'ReadOnly', includeManagementEvents: false, dataResources: [], excludeManagementEventSources: [] }] } });
  open({ id: 'cloudtrail-logging-disabled', title: 'CloudTrail logging stopped and the trail deleted (the organization trail refused)', type: 'Stealth:IAMUser/CloudTrailLoggingDisabled', alternativeTypes: ['DefenseEvasion:IAMUser/AnomalousBehavior'], techniques: ['T1562.008'], severity: 'LOW' }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.torExit, accessKeyId: org.attackerKeyId });
  torCall(['cloudtrail-logging-disabled'], torStart + 5 * MIN, 'us-east-1', 'cloudtrail', 'StopLogging', false, { name: orgTrailArn }, { errorCode: 'AccessDenied', errorMessage: `User: arn:aws:iam::${dev}:user/ci-legacy is not authorized to perform: cloudtrail:StopLogging on resource: ${orgTrailArn} with an explicit deny in a service control policy` });
  torCall(['cloudtrail-logging-disabled'], torStart + 5 * MIN + 30_000, 'us-east-1', 'cloudtrail', 'StopLogging', false, { name: devTrailArn });
  torCall(['cloudtrail-logging-disabled'], torStart + 6 * MIN, 'us-east-1', 'cloudtrail', 'DeleteTrail', false, { name: 'dev-trail' });

  // The password policy weakened (the snapshot, collected afterwards, shows the weak policy).
  open({ id: 'password-policy-weakened', title: "dev's account password policy weakened", type: 'Stealth:IAMUser/PasswordPolicyChange', alternativeTypes: ['DefenseEvasion:IAMUser/AnomalousBehavior'], techniques: ['T1556'], severity: 'LOW' }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.torExit, accessKeyId: org.attackerKeyId });
  torCall(['password-policy-weakened'], torStart + 8 * MIN, 'us-east-1', 'iam', 'UpdateAccountPasswordPolicy', false, { minimumPasswordLength: 8, requireSymbols: false, requireNumbers: false, requireUppercaseCharacters: true, requireLowercaseCharacters: true, allowUsersToChangePassword: true });

  // Persistence through a role trust policy, data exposure, exfiltration.
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${dev}:user/ci-legacy` }, Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ATTACKER_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] };
  open({ id: 'trust-policy-external-account', title: "deploy-role's trust policy opened to an outside account", type: 'Persistence:IAMUser/AnomalousBehavior', alternativeTypes: ['Persistence:IAMRole/TrustPolicyExternalAccount', 'PrivilegeEscalation:IAMUser/AnomalousBehavior'], techniques: ['T1098.003'], severity: 'HIGH' }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.torExit, accessKeyId: org.attackerKeyId });
  torCall(['trust-policy-external-account'], torStart + 10 * MIN, 'us-east-1', 'iam', 'UpdateAssumeRolePolicy', false, { roleName: 'deploy-role', policyDocument: JSON.stringify(trust) });

  const bucket = 'acme-dev-shared-exports';
  const s3host = `${bucket}.s3.us-east-1.amazonaws.com`;
  open({ id: 'account-block-public-access-disabled', title: "dev's account-level S3 Block Public Access removed", type: 'Policy:S3/AccountBlockPublicAccessDisabled', techniques: ['T1530'], severity: 'LOW' }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.torExit, accessKeyId: org.attackerKeyId });
  torCall(['account-block-public-access-disabled'], torStart + 12 * MIN, 'us-east-1', 's3', 'DeleteAccountPublicAccessBlock', false, { Host: `${dev}.s3-control.us-east-1.amazonaws.com` });
  open({ id: 'bucket-block-public-access-disabled', title: `Block Public Access removed from ${bucket}`, type: 'Policy:S3/BucketBlockPublicAccessDisabled', techniques: ['T1530'], severity: 'LOW' }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.torExit, accessKeyId: org.attackerKeyId });
  torCall(['bucket-block-public-access-disabled'], torStart + 12 * MIN + 40_000, 'us-east-1', 's3', 'DeleteBucketPublicAccessBlock', false, { bucketName: bucket, Host: s3host, publicAccessBlock: '' }, { resources: [{ accountId: dev, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }] });
  open({ id: 'bucket-anonymous-access-granted', title: `${bucket} made readable by anyone through its bucket policy`, type: 'Policy:S3/BucketAnonymousAccessGranted', alternativeTypes: ['Policy:S3/BucketPublicAccessGranted'], techniques: ['T1530'], severity: 'HIGH' }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.torExit, accessKeyId: org.attackerKeyId });
  torCall(['bucket-anonymous-access-granted'], torStart + 13 * MIN + 20_000, 'us-east-1', 's3', 'PutBucketPolicy', false, { bucketPolicy: { Version: '2012-10-17', Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] }, bucketName: bucket, Host: s3host, policy: '' }, { resources: [{ accountId: dev, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }] });

  open({ id: 'ebs-snapshot-shared-external', title: 'An EBS snapshot shared with an outside account', type: 'Exfiltration:IAMUser/AnomalousBehavior', alternativeTypes: ['Exfiltration:EC2/SnapshotSharedExternally'], techniques: ['T1537'], severity: 'HIGH' }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.torExit, accessKeyId: org.attackerKeyId });
  torCall(['ebs-snapshot-shared-external'], torStart + 16 * MIN, 'us-east-1', 'ec2', 'DescribeSnapshots', true, { snapshotSet: {}, ownersSet: { items: [{ owner: 'self' }] }, filterSet: {} });
  torCall(['ebs-snapshot-shared-external'], torStart + 16 * MIN + 30_000, 'us-east-1', 'ec2', 'ModifySnapshotAttribute', false, { snapshotId: org.devSnapshots.shared, createVolumePermission: { add: { items: [{ userId: ATTACKER_ACCOUNT }] } }, attributeType: 'CREATE_VOLUME_PERMISSION' }, { response: { _return: true } });

  open({ id: 'secrets-burst', title: 'Every secret in dev read within two minutes', type: 'CredentialAccess:IAMUser/AnomalousBehavior', alternativeTypes: ['CredentialAccess:IAMUser/SecretsBurst'], techniques: ['T1555.006'], severity: 'MEDIUM' }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.torExit, accessKeyId: org.attackerKeyId });
  torCall(['secrets-burst'], torStart + 20 * MIN, 'us-east-1', 'secretsmanager', 'ListSecrets', true, null);
  const secrets = ['dev/db', 'dev/api-token', 'dev/github-token', 'dev/slack-webhook', 'dev/stripe-test-key', 'dev/jwt-signing-key'];
  for (let k = 0; k < 36; k++) torCall(['secrets-burst'], torStart + 20 * MIN + 5_000 + k * 3_000, 'us-east-1', 'secretsmanager', 'GetSecretValue', true, { secretId: secrets[k % secrets.length] });

  open({ id: 'run-instances-unused-region', title: 'Ten large instances launched in a region the organization never uses', type: 'Impact:IAMUser/AnomalousBehavior', alternativeTypes: ['Impact:EC2/InstanceLaunchUnusedRegion'], techniques: ['T1535', 'T1496'], severity: 'MEDIUM' }, 'cloudtrail', dev, 'ap-northeast-1', { ip: IPS.torExit, accessKeyId: org.attackerKeyId });
  torCall(['run-instances-unused-region'], torStart + 30 * MIN, 'ap-northeast-1', 'ec2', 'DescribeRegions', true, { regionSet: {}, allRegions: true });
  torCall(['run-instances-unused-region'], torStart + 31 * MIN, 'ap-northeast-1', 'ec2', 'RunInstances', false, {
    instancesSet: { items: [{ imageId: 'ami-0a1b2c3d4e5f60718', minCount: 10, maxCount: 10 }] }, instanceType: 'c5.4xlarge', blockDeviceMapping: {}, monitoring: { enabled: false }, disableApiTermination: false, disableApiStop: false, clientToken: r.uuid(),
  }, { response: { requestId: r.uuid(), reservationId: `r-${r.hex(17)}`, ownerId: dev, groupSet: {}, instancesSet: { items: Array.from({ length: 10 }, () => ({ instanceId: `i-${r.hex(17)}`, imageId: 'ami-0a1b2c3d4e5f60718', instanceType: 'c5.4xlarge', instanceState: { code: 0, name: 'pending' } })) } } });

  open({ id: 'leave-organization', title: 'Attempt to take dev out of the organization (denied by SCP)', type: 'DefenseEvasion:IAMUser/LeaveOrganizationAttempt', alternativeTypes: ['Impact:IAMUser/AnomalousBehavior', 'DefenseEvasion:IAMUser/AnomalousBehavior'], techniques: ['T1562'], severity: 'HIGH' }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.torExit, accessKeyId: org.attackerKeyId });
  torCall(['leave-organization'], torStart + 40 * MIN, 'us-east-1', 'organizations', 'LeaveOrganization', false, null, { errorCode: 'AccessDeniedException', errorMessage: `You don't have permissions to access this resource. Action organizations:LeaveOrganization is denied by a service control policy.` });

  // Finally the root user, whose password was in the exported secrets: console sign-in without MFA.
  open({ id: 'root-console-login-no-mfa', title: 'Root user signs in to dev without MFA from a hosting provider', type: 'Policy:IAMUser/RootCredentialUsage', techniques: ['T1078.004'], severity: 'LOW' }, 'cloudtrail', dev, 'us-east-1', { ip: IPS.attackerVps, arn: `arn:aws:iam::${dev}:root` });
  const rootAt = SUN + 4 * HOUR + 3 * MIN;
  ct(['root-console-login-no-mfa', 'malicious-ip-caller'], { time: rootAt, account: dev, region: 'us-east-1', identity: rootIdentity(dev), source: 'signin.amazonaws.com', name: 'ConsoleLogin', ip: IPS.attackerVps, ua: USER_AGENTS.attackerBrowser, eventType: 'AwsConsoleSignIn', response: { ConsoleLogin: 'Success' }, additional: loginExtra(false) });
  const rootSession = rootIdentity(dev, iamId(r, 'ASIA'), { mfa: false, created: rootAt });
  for (const [k, [source, name]] of ([['iam', 'GetAccountSummary'], ['iam', 'ListUsers'], ['account', 'GetAlternateContact']] as const).entries()) {
    ct(['root-console-login-no-mfa', 'malicious-ip-caller'], { time: rootAt + (k + 1) * 40_000, account: dev, region: 'us-east-1', identity: rootSession, source: `${source}.amazonaws.com`, name, readOnly: true, params: name === 'GetAlternateContact' ? { alternateContactType: 'SECURITY' } : null, ip: IPS.attackerVps, ua: USER_AGENTS.console, consoleSession: true });
  }

  for (const truth of truths.values()) {
    const list = times.get(truth.id)!.sort((a, b) => a - b);
    truth.firstSeen = ctTime(list[0]!);
    truth.lastSeen = ctTime(list[list.length - 1]!);
    set.truths.push(truth);
  }
  return set;
}
