import type { Severity } from '../core/severity.ts';

/**
 * Every finding type Vigil's detection emits: GuardDuty's type name and default severity where
 * GuardDuty has the type, else a name in the same grammar (ThreatPurpose:Resource/Family);
 * the ATT&CK techniques; and the response playbook (what it looks at, why it fires, how to
 * tune it, what to query next, how to contain and recover). The playbook Markdown files in
 * `playbooks/detect/` are rendered from this table (`renderPlaybook`), so they cannot drift.
 */
export interface FindingTypeInfo {
  type: string;
  severity: Severity;
  techniques: string[];
  title: string;
  /** What the detection looks at and why it fires. */
  looksAt: string;
  why: string;
  tune: string;
  /** CloudTrail queries to run next (SQL for `vigil trail query`); `{actor}`, `{resource}` are placeholders. */
  queries: string[];
  contain: string;
  recover: string;
  /** True when GuardDuty has this exact type. */
  guardduty: boolean;
  /** The rule or detector that emits it. */
  source: string;
}

const GD = 'https://docs.aws.amazon.com/guardduty/latest/ug/';
const ACTOR_QUERY = `SELECT eventtime, eventsource, eventname, awsregion, sourceipaddress, useragent, errorcode FROM cloudtrail WHERE useridentity.arn = '{actor}' ORDER BY eventtime`;
const ACTOR_WRITES = `SELECT eventtime, eventname, requestparameters FROM cloudtrail WHERE useridentity.arn = '{actor}' AND readonly = false ORDER BY eventtime`;
const IP_QUERY = `SELECT eventtime, useridentity.arn, eventname, useragent FROM cloudtrail WHERE sourceipaddress = '{ip}' ORDER BY eventtime`;

const KEYS_CONTAIN =
  'Disable the access keys of the principal (`aws iam update-access-key --status Inactive`) or, for a role, revoke its active sessions (IAM console: Revoke active sessions, which attaches an `aws:TokenIssueTime` deny). Keep the keys for forensics until the investigation ends.';
const KEYS_RECOVER =
  'Rotate the credentials, review and remove anything the principal created or changed in the window (users, keys, roles, policies, trust relationships), and restore from known-good configuration (IaC) where resources were altered.';

type Entry = Omit<FindingTypeInfo, 'type' | 'guardduty' | 'queries' | 'contain' | 'recover'> &
  Partial<Pick<FindingTypeInfo, 'queries' | 'contain' | 'recover'>>;

function gd(entry: Entry): Omit<FindingTypeInfo, 'type'> {
  return { queries: [ACTOR_QUERY], contain: KEYS_CONTAIN, recover: KEYS_RECOVER, ...entry, guardduty: true };
}
function own(entry: Entry): Omit<FindingTypeInfo, 'type'> {
  return { queries: [ACTOR_QUERY], contain: KEYS_CONTAIN, recover: KEYS_RECOVER, ...entry, guardduty: false };
}

const LOGGING_RECOVER = 'Re-enable the logging that was turned off, check the gap in coverage for activity that went unrecorded, and protect the configuration with an SCP that denies the disabling action.';

const TABLE: Record<string, Omit<FindingTypeInfo, 'type'>> = {
  // ---- Stealth and defense evasion ------------------------------------------------------
  'Stealth:IAMUser/CloudTrailLoggingDisabled': gd({
    severity: 'LOW', techniques: ['T1562.008'], title: 'CloudTrail trail stopped or deleted', source: 'rules/cloudtrail-logging-disabled.yml',
    looksAt: 'CloudTrail `StopLogging` and `DeleteTrail` calls.',
    why: 'Attackers stop or delete trails to hide what they do next; GuardDuty reports the same change.',
    tune: 'Allow-list the automation role that rotates trails (`detect.allow.principals`).',
    queries: [ACTOR_WRITES, `SELECT eventtime, eventname, requestparameters FROM cloudtrail WHERE eventsource = 'cloudtrail.amazonaws.com' AND readonly = false ORDER BY eventtime`],
    contain: 'Restart logging (`aws cloudtrail start-logging --name TRAIL`) and suspend the principal\'s credentials if the change was not planned.',
    recover: LOGGING_RECOVER,
  }),
  'Stealth:IAMUser/CloudTrailEventSelectorsModified': own({
    severity: 'MEDIUM', techniques: ['T1562.008'], title: 'Trail event selectors changed to drop management events', source: 'detectors/trail-selectors.ts',
    looksAt: '`PutEventSelectors` calls whose selectors set `includeManagementEvents: false`, or advanced selectors that exclude the Management category or filter management events down to read-only.',
    why: 'A trail that no longer records management events looks alive but is blind to IAM and configuration changes.',
    tune: 'Raise the severity threshold with `detect.allow.rules` if a data-events-only trail is created on purpose.',
    contain: 'Restore the event selectors (`aws cloudtrail put-event-selectors`), then suspend the principal if unplanned.',
    recover: LOGGING_RECOVER,
  }),
  'Stealth:IAMUser/PasswordPolicyChange': gd({
    severity: 'LOW', techniques: ['T1556', 'T1562'], title: 'Account password policy weakened or removed', source: 'rules/password-policy-change.yml',
    looksAt: '`UpdateAccountPasswordPolicy` and `DeleteAccountPasswordPolicy`.',
    why: 'A weaker password policy makes console credentials easier to guess and keeps compromised ones usable.',
    tune: 'Allow-list the identity-management pipeline that owns the policy.',
    contain: 'Re-apply the organisation\'s password policy (CIS 1.8: length ≥ 14, no reuse of 24).',
  }),
  'Stealth:S3/ServerAccessLoggingDisabled': gd({
    severity: 'LOW', techniques: ['T1562.008'], title: 'S3 server access logging disabled', source: 'rules/s3-access-logging-disabled.yml',
    looksAt: '`PutBucketLogging` with an empty `BucketLoggingStatus` (no `LoggingEnabled`).',
    why: 'Turning off access logs hides later reads and deletes of the bucket\'s objects.',
    tune: 'Allow-list buckets that are being decommissioned by suppressing the resource.',
    contain: 'Re-enable server access logging on the bucket.',
    recover: LOGGING_RECOVER,
  }),
  'Stealth:IAMUser/GuardDutyDetectorDeleted': own({
    severity: 'HIGH', techniques: ['T1562.001'], title: 'GuardDuty detector deleted', source: 'rules/guardduty-detector-deleted.yml',
    looksAt: '`DeleteDetector`.',
    why: 'Deleting the detector stops threat detection in the region and deletes its findings: a standard first step before noisy actions.',
    tune: 'Allow-list the security account\'s automation role that manages GuardDuty.',
    contain: 'Re-create the detector and re-associate it with the administrator account; suspend the principal.',
    recover: LOGGING_RECOVER,
  }),
  'DefenseEvasion:IAMUser/GuardDutyDisabled': own({
    severity: 'HIGH', techniques: ['T1562.001'], title: 'GuardDuty disabled, detached or its findings suppressed', source: 'rules/guardduty-disabled.yml',
    looksAt: '`UpdateDetector` with `enable: false`, `DisassociateFromMasterAccount`/`DisassociateFromAdministratorAccount`, `DeleteMembers`, `StopMonitoringMembers`, and new IP sets or filters that archive findings (`CreateFilter` with action ARCHIVE).',
    why: 'Removing the threat detector or auto-archiving its findings is a standard first step before noisy actions.',
    tune: 'Allow-list the security account\'s automation role that manages GuardDuty members.',
    contain: 'Re-enable the detector and re-associate it with the administrator account; suspend the principal.',
    recover: LOGGING_RECOVER,
  }),
  'DefenseEvasion:IAMUser/ConfigRecorderStopped': own({
    severity: 'MEDIUM', techniques: ['T1562.001'], title: 'AWS Config recorder stopped or deleted', source: 'rules/config-disabled.yml',
    looksAt: '`StopConfigurationRecorder`, `DeleteConfigurationRecorder`, `DeleteDeliveryChannel`.',
    why: 'Without Config, configuration changes and compliance drift go unrecorded.',
    tune: 'Allow-list the landing-zone pipeline that re-creates recorders.',
    contain: 'Start the recorder again (`aws configservice start-configuration-recorder`).',
    recover: LOGGING_RECOVER,
  }),
  'DefenseEvasion:IAMUser/SecurityHubDisabled': own({
    severity: 'MEDIUM', techniques: ['T1562.001'], title: 'Security Hub disabled or standards removed', source: 'rules/securityhub-disabled.yml',
    looksAt: '`DisableSecurityHub`, `BatchDisableStandards`, `DisassociateFromAdministratorAccount` on securityhub.',
    why: 'Disabling Security Hub removes the aggregated view defenders rely on.',
    tune: 'Allow-list the security account automation.',
    contain: 'Re-enable Security Hub and the standards.',
    recover: LOGGING_RECOVER,
  }),
  'DefenseEvasion:EC2/FlowLogsDeleted': own({
    severity: 'MEDIUM', techniques: ['T1562.008'], title: 'VPC flow logs deleted', source: 'rules/flow-logs-deleted.yml',
    looksAt: '`DeleteFlowLogs`.',
    why: 'Deleting flow logs removes network visibility (and GuardDuty-style network detection) for the VPC.',
    tune: 'Allow-list the IaC role that replaces flow logs during deployments.',
    contain: 'Re-create the flow logs (`aws ec2 create-flow-logs`).',
    recover: LOGGING_RECOVER,
  }),
  'DefenseEvasion:Route53/DnsQueryLoggingDisabled': own({
    severity: 'MEDIUM', techniques: ['T1562.008'], title: 'Route 53 Resolver query logging removed', source: 'rules/dns-query-logging-disabled.yml',
    looksAt: '`DeleteResolverQueryLogConfig`, `DisassociateResolverQueryLogConfig`, `DeleteQueryLoggingConfig`.',
    why: 'DNS query logs reveal command-and-control and exfiltration over DNS; removing them blinds that detection.',
    tune: 'Allow-list the network team\'s automation role.',
    contain: 'Re-create the query log configuration and associate it with the VPCs.',
    recover: LOGGING_RECOVER,
  }),
  'DefenseEvasion:IAMUser/LeaveOrganizationAttempt': own({
    severity: 'HIGH', techniques: ['T1666', 'T1562'], title: 'Account left or tried to leave the AWS Organization', source: 'rules/organizations-leave.yml',
    looksAt: '`LeaveOrganization` (and `RemoveAccountFromOrganization`), successful or denied.',
    why: 'An account outside the organization escapes its SCPs, central logging and GuardDuty administration.',
    tune: 'Rarely legitimate; allow-list only a documented account-migration role.',
    contain: 'Deny `organizations:LeaveOrganization` with an SCP; if it succeeded, re-invite the account and lock the root user.',
  }),
  'DefenseEvasion:EC2/SecurityGroupOpenedToInternet': own({
    severity: 'MEDIUM', techniques: ['T1562.007'], title: 'Security group opened to the whole internet', source: 'rules/security-group-open-to-world.yml',
    looksAt: '`AuthorizeSecurityGroupIngress` with a `/0` CIDR (IPv4 or IPv6).',
    why: 'Opening administrative ports to any address is how attackers give themselves (or others) a way in.',
    tune: 'Allow-list load-balancer security groups by suppressing the resource, or the deployment role.',
    queries: [`SELECT eventtime, useridentity.arn, requestparameters FROM cloudtrail WHERE eventname = 'AuthorizeSecurityGroupIngress' ORDER BY eventtime`],
    contain: 'Revoke the rule (`aws ec2 revoke-security-group-ingress`).',
  }),
  // ---- Policy --------------------------------------------------------------------------
  'Policy:IAMUser/RootCredentialUsage': gd({
    severity: 'LOW', techniques: ['T1078.004'], title: 'Root user credentials used', source: 'rules/root-credential-usage.yml',
    looksAt: 'Any call whose `userIdentity.type` is `Root`, except those made by an AWS service on the root\'s behalf.',
    why: 'The root user should be used almost never; unexpected use is either a mistake or a compromise.',
    tune: 'Expected for a few account-level tasks; suppress per account during planned work.',
    contain: 'Rotate the root password, delete root access keys, enforce MFA on root.',
  }),
  'Policy:S3/AccountBlockPublicAccessDisabled': gd({
    severity: 'LOW', techniques: ['T1530'], title: 'Account-level S3 Block Public Access disabled', source: 'rules/s3-account-block-public-access-disabled.yml',
    looksAt: '`PutAccountPublicAccessBlock` (s3-control) setting any of the four flags to false, and `DeleteAccountPublicAccessBlock`.',
    why: 'Without Block Public Access a single bucket policy or ACL can expose data to the internet.',
    tune: 'Only static-website accounts need this; suppress them by account.',
    contain: 'Turn the four Block Public Access settings back on.',
  }),
  'Policy:S3/BucketBlockPublicAccessDisabled': gd({
    severity: 'LOW', techniques: ['T1530'], title: 'Bucket S3 Block Public Access disabled', source: 'rules/s3-bucket-block-public-access-disabled.yml',
    looksAt: '`PutBucketPublicAccessBlock` with a false flag, and `DeletePublicAccessBlock` on a bucket.',
    why: 'It is the step before making a bucket public.',
    tune: 'Suppress known public website buckets.',
    contain: 'Re-enable Block Public Access on the bucket.',
  }),
  'Policy:S3/BucketAnonymousAccessGranted': gd({
    severity: 'HIGH', techniques: ['T1530'], title: 'S3 bucket opened to anonymous users', source: 'detectors/s3-public.ts',
    looksAt: '`PutBucketAcl`/`PutObjectAcl` granting `AllUsers`, and bucket policies (`PutBucketPolicy`) with `Principal: "*"` and no condition.',
    why: 'Anyone on the internet can read (or write) the data.',
    tune: 'Suppress intentional public website buckets by resource.',
    contain: 'Remove the grant or statement and enable Block Public Access.',
  }),
  'Policy:S3/BucketPublicAccessGranted': gd({
    severity: 'HIGH', techniques: ['T1530'], title: 'S3 bucket opened to all authenticated AWS users', source: 'detectors/s3-public.ts',
    looksAt: 'ACL grants to `AuthenticatedUsers` (any AWS account).',
    why: 'Every AWS customer can access the bucket.',
    tune: 'There is almost never a reason; suppress by resource if there is.',
    contain: 'Remove the grant and enable Block Public Access.',
  }),
  // ---- Unauthorized access ---------------------------------------------------------------
  'UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B': gd({
    severity: 'MEDIUM', techniques: ['T1078.004'], title: 'Console login from an unusual place', source: 'detectors/console-login.ts',
    looksAt: 'Successful `ConsoleLogin` events compared to the principal\'s baseline of countries and networks (ASNs), after the learning period.',
    why: 'A first-seen country and network for a console user is how stolen passwords show up.',
    tune: '`--learning-days` / `detect.learningDays`; allow-list VPN egress IPs (`detect.allow.ips`).',
    queries: [ACTOR_QUERY, IP_QUERY],
  }),
  'InitialAccess:IAMUser/ConsoleLoginWithoutMFA': own({
    severity: 'LOW', techniques: ['T1078.004'], title: 'Console login without MFA', source: 'rules/console-login-without-mfa.yml',
    looksAt: 'Successful `ConsoleLogin` of an IAM user with `additionalEventData.MFAUsed = No`.',
    why: 'Password-only console access is the easiest credential to steal and replay.',
    tune: 'Enforce MFA; allow-list break-glass users that log in from a vault.',
    contain: 'Require MFA (IAM policy with `aws:MultiFactorAuthPresent`).',
  }),
  'UnauthorizedAccess:IAMUser/ConsoleLoginBruteForce': own({
    severity: 'MEDIUM', techniques: ['T1110'], title: 'Console login brute force', source: 'detectors/console-login.ts',
    looksAt: 'Failed `ConsoleLogin` events per user name and per source IP in 1-hour windows (threshold `consoleBruteForce`, default 10); HIGH when a success follows from the same IP.',
    why: 'Many failures are password guessing; a success after them is a likely compromise.',
    tune: '`detect.thresholds.consoleBruteForce`.',
    queries: [IP_QUERY, `SELECT eventtime, useridentity.username, sourceipaddress, responseelements FROM cloudtrail WHERE eventname = 'ConsoleLogin' ORDER BY eventtime`],
  }),
  'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS': gd({
    severity: 'HIGH', techniques: ['T1552.005', 'T1078.004'], title: 'EC2 instance credentials used from outside AWS', source: 'detectors/instance-credentials.ts',
    looksAt: 'Calls by an EC2 instance-role session (session name = instance id, `ec2RoleDelivery`) from a public IP whose ASN is not AWS\'s. Up to 256 source addresses per session are kept (the smallest); calls from more are counted in `callsFromMoreAddresses`.',
    why: 'Instance credentials are only meant to be used from the instance; use from the internet means they were stolen (SSRF to the metadata service, or a shell).',
    tune: 'Allow-list NAT egress addresses of on-premises proxies in `detect.allow.ips`.',
    contain: 'Revoke the role\'s sessions issued before now, enforce IMDSv2, isolate the instance.',
    recover: 'Rebuild the instance from a clean image; rotate any secret it could read.',
  }),
  'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS': gd({
    severity: 'HIGH', techniques: ['T1552.005', 'T1078.004'], title: 'EC2 instance credentials used from another address inside AWS', source: 'detectors/instance-credentials.ts',
    looksAt: 'An instance-role session used from an AWS address that other (non-instance) principals also call from, or from more than one public address. Every call is counted; the 5 earliest per address are kept as evidence (every instance session calls from its own AWS address, so this is kept for all of them).',
    why: 'The credentials are being replayed from a different machine (often an attacker\'s EC2 instance).',
    tune: 'Allow-list shared egress IPs (NAT gateways used by both instances and people).',
    contain: 'Revoke the role\'s sessions, enforce IMDSv2, isolate the instance.',
    recover: 'Rebuild the instance; rotate secrets it could read.',
  }),
  'UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom': gd({
    severity: 'MEDIUM', techniques: ['T1078.004'], title: 'API call from an IP on your threat list', source: 'detectors/intel-caller.ts',
    looksAt: 'CloudTrail source IPs matched against `--intel` lists (IPs, CIDRs, STIX indicators); write APIs here, read-only APIs under Recon.',
    why: 'The caller\'s address is known bad in your own intelligence.',
    tune: 'Curate the intel files; allow-list addresses that are shared infrastructure.',
    queries: [IP_QUERY],
  }),
  'UnauthorizedAccess:IAMUser/TorIPCaller': gd({
    severity: 'MEDIUM', techniques: ['T1090.003', 'T1078.004'], title: 'API call from a Tor exit node', source: 'detectors/intel-caller.ts',
    looksAt: 'CloudTrail source IPs in a Tor exit-node list given with `--intel` (indicators labelled tor).',
    why: 'Tor hides the caller; legitimate AWS automation does not use it.',
    tune: 'Keep the Tor list current.',
    queries: [IP_QUERY],
  }),
  'UnauthorizedAccess:EC2/SSHBruteForce': gd({
    severity: 'LOW', techniques: ['T1110'], title: 'SSH brute force against an instance', source: 'detectors/network.ts',
    looksAt: 'VPC flow records to TCP 22 from one remote IP to one interface: many short flows in 1 hour (threshold `sshBruteForce`, default 20). HIGH when the instance is the source (outbound brute force).',
    why: 'Password guessing against SSH; outbound means the instance itself is compromised.',
    tune: '`detect.thresholds.sshBruteForce`; close port 22 to the internet.',
    queries: [],
    contain: 'Restrict the security group to known addresses; use Session Manager instead of open SSH.',
    recover: 'Check the instance\'s auth logs for a successful login; rebuild it if one is found.',
  }),
  'UnauthorizedAccess:EC2/RDPBruteForce': gd({
    severity: 'LOW', techniques: ['T1110'], title: 'RDP brute force against an instance', source: 'detectors/network.ts',
    looksAt: 'VPC flow records to TCP 3389 from one remote IP (threshold `rdpBruteForce`, default 20).',
    why: 'Password guessing against RDP.',
    tune: '`detect.thresholds.rdpBruteForce`; close port 3389 to the internet.',
    queries: [],
    contain: 'Restrict the security group; use Fleet Manager or a bastion.',
    recover: 'Check Windows security logs for a successful logon.',
  }),
  'UnauthorizedAccess:EC2/MaliciousIPCaller.Custom': gd({
    severity: 'MEDIUM', techniques: ['T1071'], title: 'Instance talking to an IP on your threat list', source: 'detectors/network.ts',
    looksAt: 'Accepted VPC flows whose remote address matches `--intel`.',
    why: 'The instance exchanged traffic with a known-bad address.',
    tune: 'Curate the intel files.',
    queries: [],
    contain: 'Block the address with a NACL; isolate the instance if traffic was outbound.',
    recover: 'Investigate the instance for compromise and rebuild it if needed.',
  }),
  'UnauthorizedAccess:EC2/TorClient': gd({
    severity: 'HIGH', techniques: ['T1090.003'], title: 'Instance connecting to Tor', source: 'detectors/network.ts',
    looksAt: 'Outbound accepted flows to Tor nodes from `--intel` lists labelled tor.',
    why: 'An instance using Tor is hiding its traffic, typically malware or an intruder.',
    tune: 'Keep the Tor list current.',
    queries: [],
    contain: 'Isolate the instance (restrictive security group).',
    recover: 'Rebuild the instance from a clean image.',
  }),
  // ---- Recon ---------------------------------------------------------------------------
  'Recon:IAMUser/MaliciousIPCaller.Custom': gd({
    severity: 'MEDIUM', techniques: ['T1580', 'T1087.004'], title: 'Read-only API calls from an IP on your threat list', source: 'detectors/intel-caller.ts',
    looksAt: 'Read-only (List/Describe/Get) CloudTrail calls from addresses in `--intel`.',
    why: 'Reconnaissance of the account from a known-bad address.',
    tune: 'Curate the intel files.',
    queries: [IP_QUERY],
  }),
  'Recon:IAMUser/TorIPCaller': gd({
    severity: 'MEDIUM', techniques: ['T1580', 'T1090.003'], title: 'Read-only API calls from Tor', source: 'detectors/intel-caller.ts',
    looksAt: 'Read-only calls from Tor exit nodes listed in `--intel`.',
    why: 'Reconnaissance through an anonymiser.',
    tune: 'Keep the Tor list current.',
    queries: [IP_QUERY],
  }),
  'Recon:EC2/PortProbeUnprotectedPort': gd({
    severity: 'LOW', techniques: ['T1595.001'], title: 'Unprotected port probed from the internet', source: 'detectors/network.ts',
    looksAt: 'Accepted inbound flows from public addresses to a port of one interface, from at least `portProbeSources` (default 5) distinct remote IPs or one known-bad IP.',
    why: 'The port is reachable from the internet and being probed; the next step is exploitation.',
    tune: '`detect.thresholds.portProbeSources`; close the port in the security group.',
    queries: [],
    contain: 'Restrict the security group to the clients that need the port.',
    recover: 'Check the service on that port for exploitation.',
  }),
  'Recon:EC2/Portscan': gd({
    severity: 'MEDIUM', techniques: ['T1046'], title: 'Instance scanning ports', source: 'detectors/network.ts',
    looksAt: 'Outbound flows from one interface to at least `portscanPorts` (default 50) distinct ports on remote hosts in 1 hour.',
    why: 'A compromised instance scanning for the next target.',
    tune: '`detect.thresholds.portscanPorts`; allow-list vulnerability scanners in `detect.allow.ips`.',
    queries: [],
    contain: 'Isolate the instance.',
    recover: 'Rebuild from a clean image; find the initial access.',
  }),
  // ---- Persistence and privilege escalation ---------------------------------------------
  'Persistence:IAMUser/AccessKeyCreatedForOtherUser': own({
    severity: 'MEDIUM', techniques: ['T1098.001'], title: 'Access key created for another user', source: 'rules/access-key-for-other-user.yml',
    looksAt: '`CreateAccessKey` where `requestParameters.userName` differs from the caller.',
    why: 'Creating keys for someone else gives the attacker a second, quieter identity.',
    tune: 'Allow-list the user-provisioning role.',
    queries: [ACTOR_WRITES, `SELECT eventtime, eventname, sourceipaddress FROM cloudtrail WHERE useridentity.username = '{resource}' ORDER BY eventtime`],
    contain: 'Deactivate and delete the new key (`aws iam delete-access-key`).',
  }),
  'Persistence:IAMUser/LoginProfileCreatedForOtherUser': own({
    severity: 'MEDIUM', techniques: ['T1098.001'], title: 'Console password created for another user', source: 'rules/login-profile-for-other-user.yml',
    looksAt: '`CreateLoginProfile` where the target user differs from the caller.',
    why: 'Gives console access to an identity the attacker now controls.',
    tune: 'Allow-list the user-provisioning role.',
    contain: 'Delete the login profile (`aws iam delete-login-profile`).',
  }),
  'PrivilegeEscalation:IAMUser/LoginProfileUpdatedForOtherUser': own({
    severity: 'MEDIUM', techniques: ['T1098.001'], title: 'Another user\'s console password changed', source: 'rules/login-profile-updated-for-other-user.yml',
    looksAt: '`UpdateLoginProfile` where the target user differs from the caller.',
    why: 'Resetting someone else\'s password takes over their (possibly more privileged) identity.',
    tune: 'Allow-list the help-desk role.',
    contain: 'Reset the password again and notify the user; require MFA.',
  }),
  'PrivilegeEscalation:IAMUser/AdministrativePolicyAttached': own({
    severity: 'HIGH', techniques: ['T1098.003'], title: 'Administrator policy attached', source: 'rules/admin-policy-attached.yml',
    looksAt: '`AttachUserPolicy`, `AttachRolePolicy`, `AttachGroupPolicy` with `AdministratorAccess` (or IAMFullAccess/PowerUserAccess), and inline policies granting `"Action": "*"` on `"Resource": "*"`.',
    why: 'Granting full administrator rights is the shortest path to owning the account.',
    tune: 'Allow-list the account-vending pipeline.',
    queries: [ACTOR_WRITES],
    contain: 'Detach the policy; suspend the principal that attached it.',
  }),
  'Persistence:IAMUser/UserCreated': own({
    severity: 'LOW', techniques: ['T1136.003'], title: 'IAM user created', source: 'rules/iam-user-created.yml',
    looksAt: '`CreateUser`.',
    why: 'New long-lived users are a classic persistence mechanism; in accounts using SSO they should be rare.',
    tune: 'Allow-list the provisioning role; raise to MEDIUM by rule copy where users are never created.',
    contain: 'Delete the user\'s keys and login profile, then the user.',
  }),
  'Persistence:IAMRole/TrustPolicyExternalAccount': own({
    severity: 'HIGH', techniques: ['T1098.003', 'T1199'], title: 'Role trust policy opened to another account', source: 'detectors/iam-trust.ts',
    looksAt: '`CreateRole` and `UpdateAssumeRolePolicy` whose trust policy allows an AWS principal from an account other than the role\'s own (or `*`) and not in `detect.trustedAccounts`.',
    why: 'A backdoor role lets another account walk in at will.',
    tune: 'List partner and organization accounts in `detect.trustedAccounts`.',
    queries: [ACTOR_WRITES, `SELECT eventtime, useridentity.arn, sourceipaddress FROM cloudtrail WHERE eventname = 'AssumeRole' AND requestparameters LIKE '%{resource}%' ORDER BY eventtime`],
    contain: 'Restore the trust policy; revoke the role\'s active sessions.',
  }),
  'Persistence:IAMUser/FederationTokenIssued': own({
    severity: 'LOW', techniques: ['T1550.001', 'T1078.004'], title: 'Federation token issued to an IAM user', source: 'rules/sts-federation-token.yml',
    looksAt: '`GetFederationToken`.',
    why: 'Federation tokens outlive a key deactivation (up to 36 hours) and are used to keep access.',
    tune: 'Allow-list brokers that legitimately issue federation tokens.',
    contain: 'Deny `sts:GetFederationToken`; federation sessions are revoked by denying the issuing user with `aws:TokenIssueTime`.',
  }),
  'Persistence:IAMUser/RolesAnywhereTrustAnchorCreated': own({
    severity: 'MEDIUM', techniques: ['T1098.001', 'T1556'], title: 'IAM Roles Anywhere trust anchor created', source: 'rules/rolesanywhere-trust-anchor.yml',
    looksAt: '`rolesanywhere:CreateTrustAnchor` and `CreateProfile`.',
    why: 'A trust anchor with an attacker\'s CA lets certificates from outside AWS obtain role credentials.',
    tune: 'Allow-list the PKI team\'s role.',
    contain: 'Disable and delete the trust anchor and profile.',
  }),
  'Persistence:Lambda/FunctionModified': own({
    severity: 'LOW', techniques: ['T1546', 'T1648'], title: 'Lambda function code, layers or access policy changed', source: 'rules/lambda-backdoor.yml and rules/lambda-public-permission.yml',
    looksAt: '`UpdateFunctionCode`, `UpdateFunctionConfiguration` adding layers, `AddPermission` (MEDIUM when the principal is `*`).',
    why: 'Backdoored functions and layers run attacker code with the function\'s role on every invocation.',
    tune: 'Allow-list the deployment pipeline role; deployments from CI are expected.',
    contain: 'Restore the previous version (aliases), remove the permission statement.',
  }),
  // ---- Credential access ---------------------------------------------------------------
  'CredentialAccess:IAMUser/SecretsBurst': own({
    severity: 'MEDIUM', techniques: ['T1555.006'], title: 'Many secrets retrieved in a short time', source: 'detectors/credential-bursts.ts',
    looksAt: '`GetSecretValue` of distinct secrets per principal in 10 minutes (threshold `secretsBurst`, default 5) and any `BatchGetSecretValue` using filters.',
    why: 'Harvesting every secret at once is what credential-stealing tools do.',
    tune: '`detect.thresholds.secretsBurst`; allow-list config-loader roles.',
    queries: [`SELECT eventtime, requestparameters FROM cloudtrail WHERE useridentity.arn = '{actor}' AND eventsource = 'secretsmanager.amazonaws.com' ORDER BY eventtime`],
    contain: 'Suspend the principal; rotate every secret it read.',
  }),
  'CredentialAccess:IAMUser/SSMSecureStringBurst': own({
    severity: 'MEDIUM', techniques: ['T1555.006', 'T1552'], title: 'Many SSM SecureString parameters decrypted', source: 'detectors/credential-bursts.ts',
    looksAt: '`GetParameter`/`GetParameters`/`GetParametersByPath` with `withDecryption: true` per principal in 10 minutes (threshold `ssmBurst`, default 10 parameters or 5 calls).',
    why: 'Bulk decryption of parameters harvests stored credentials.',
    tune: '`detect.thresholds.ssmBurst`; allow-list application roles that read their configuration.',
    contain: 'Suspend the principal; rotate the parameters.',
  }),
  'CredentialAccess:IAMUser/EC2PasswordDataBurst': own({
    severity: 'MEDIUM', techniques: ['T1552'], title: 'Burst of EC2 GetPasswordData calls', source: 'detectors/credential-bursts.ts',
    looksAt: '`GetPasswordData` per principal in 10 minutes (threshold `passwordDataBurst`, default 5), failed calls included.',
    why: 'Retrieving Windows administrator passwords across instances is credential harvesting.',
    tune: '`detect.thresholds.passwordDataBurst`.',
    contain: 'Suspend the principal; rotate the local administrator passwords.',
  }),
  'Discovery:IAMUser/UserDataEnumeration': own({
    severity: 'LOW', techniques: ['T1580', 'T1552'], title: 'EC2 user data read across instances', source: 'detectors/credential-bursts.ts',
    looksAt: '`DescribeInstanceAttribute` for `userData` per principal in 10 minutes (threshold `userDataBurst`, default 5).',
    why: 'User data often holds bootstrap secrets; reading it in bulk is discovery of credentials.',
    tune: '`detect.thresholds.userDataBurst`.',
    contain: 'Suspend the principal; move secrets out of user data.',
  }),
  // ---- Execution / lateral movement ------------------------------------------------------
  'Execution:EC2/SSMCommandSent': own({
    severity: 'LOW', techniques: ['T1651'], title: 'Command run on instances through SSM', source: 'rules/ssm-execution.yml',
    looksAt: '`ssm:SendCommand` and `ssm:StartSession`.',
    why: 'Run Command and Session Manager execute code on instances as root; attackers with the API use them.',
    tune: 'Allow-list the patching and operations roles.',
    contain: 'Cancel running commands; restrict `ssm:SendCommand` by tags.',
  }),
  'Execution:EC2/UserDataModified': own({
    severity: 'LOW', techniques: ['T1059.009'], title: 'Instance user data modified', source: 'rules/ec2-user-data-modified.yml',
    looksAt: '`ModifyInstanceAttribute` with `userData`.',
    why: 'New user data runs as root at the next start: a way to execute code on the instance.',
    tune: 'Allow-list the deployment role.',
    contain: 'Restore the user data before the instance starts.',
  }),
  'LateralMovement:EC2/SSHKeyPushed': own({
    severity: 'LOW', techniques: ['T1021.004', 'T1098.004'], title: 'SSH key pushed with EC2 Instance Connect or the serial console', source: 'rules/ec2-instance-connect.yml',
    looksAt: '`SendSSHPublicKey`, `SendSerialConsoleSSHPublicKey`, `EnableSerialConsoleAccess`.',
    why: 'Pushing a key opens an SSH session on the instance without its owner\'s key.',
    tune: 'Allow-list administrators that use Instance Connect routinely.',
    contain: 'Disable serial console access; restrict `ec2-instance-connect:SendSSHPublicKey`.',
  }),
  // ---- Exfiltration and impact ------------------------------------------------------------
  'Exfiltration:EC2/SnapshotSharedExternally': own({
    severity: 'HIGH', techniques: ['T1537'], title: 'EBS snapshot shared with another account or made public', source: 'rules/ebs-snapshot-shared.yml',
    looksAt: '`ModifySnapshotAttribute` adding `createVolumePermission` for an account id or the group `all`.',
    why: 'A shared snapshot is a full copy of the disk in someone else\'s account.',
    tune: 'Allow-list the backup role that copies to the vault account.',
    contain: 'Remove the permission (`aws ec2 modify-snapshot-attribute --operation-type remove`).',
  }),
  'Exfiltration:EC2/AMIShared': own({
    severity: 'HIGH', techniques: ['T1537'], title: 'AMI shared with another account or made public', source: 'rules/ami-shared.yml',
    looksAt: '`ModifyImageAttribute` adding `launchPermission`.',
    why: 'An image can be launched elsewhere to read the data baked into it.',
    tune: 'Allow-list the image-pipeline role that shares golden AMIs.',
    contain: 'Remove the launch permission.',
  }),
  'Exfiltration:RDS/DBSnapshotShared': own({
    severity: 'HIGH', techniques: ['T1537'], title: 'RDS snapshot shared with another account or made public', source: 'rules/rds-snapshot-shared.yml',
    looksAt: '`ModifyDBSnapshotAttribute`/`ModifyDBClusterSnapshotAttribute` adding to `restore`.',
    why: 'The database can be restored in another account.',
    tune: 'Allow-list the backup role.',
    contain: 'Remove the restore permission.',
  }),
  'Exfiltration:S3/AnomalousBehavior': gd({
    severity: 'HIGH', techniques: ['T1530'], title: 'Unusually many S3 objects read', source: 'detectors/s3-mass.ts',
    looksAt: 'S3 data events `GetObject` per principal and bucket in 1 hour against the threshold `s3MassRead` (default 500) and, when a baseline exists, ten times the principal\'s usual hourly volume.',
    why: 'Bulk downloading is what data theft looks like in S3 data events.',
    tune: '`detect.thresholds.s3MassRead`; allow-list batch and analytics roles.',
    contain: 'Suspend the principal; add a bucket policy deny for it.',
  }),
  'Impact:S3/AnomalousBehavior.Delete': gd({
    severity: 'HIGH', techniques: ['T1485'], title: 'Unusually many S3 objects deleted', source: 'detectors/s3-mass.ts',
    looksAt: '`DeleteObject`/`DeleteObjects` per principal and bucket in 1 hour (threshold `s3MassDelete`, default 100).',
    why: 'Mass deletion is destruction or ransom.',
    tune: '`detect.thresholds.s3MassDelete`; allow-list lifecycle jobs.',
    contain: 'Suspend the principal; enable versioning and MFA delete.',
    recover: 'Restore previous object versions or from backup.',
  }),
  'Impact:EC2/UnusualInstanceTypeLaunched': own({
    severity: 'MEDIUM', techniques: ['T1496', 'T1578.002'], title: 'GPU or very large instances launched', source: 'rules/ec2-unusual-instances.yml',
    looksAt: '`RunInstances` of GPU/accelerated or very large families (p*, g*, inf*, trn*, x*, *.metal, 24xlarge+), successful or denied.',
    why: 'Attackers launch expensive instances for crypto-mining or model abuse.',
    tune: 'Allow-list ML teams\' roles.',
    queries: [`SELECT eventtime, awsregion, useridentity.arn, requestparameters FROM cloudtrail WHERE eventname = 'RunInstances' ORDER BY eventtime`],
    contain: 'Terminate the instances; set a service quota or SCP on instance types.',
  }),
  'Impact:EC2/InstanceLaunchUnusedRegion': own({
    severity: 'MEDIUM', techniques: ['T1535', 'T1496'], title: 'Instances launched in a region the account does not use', source: 'detectors/unused-region.ts',
    looksAt: '`RunInstances` in a region where the account had no activity during the baseline.',
    why: 'Attackers hide miners in regions nobody looks at.',
    tune: 'Deny unused regions with an SCP; `--learning-days`.',
    contain: 'Terminate the instances; deny the region.',
  }),
  'Impact:IAMUser/BedrockModelAccessEnabled': own({
    severity: 'LOW', techniques: ['T1496'], title: 'Bedrock model access enabled or invoked', source: 'rules/bedrock-model-access.yml',
    looksAt: '`PutFoundationModelEntitlement`, `PutUseCaseForModelAccess`, `CreateFoundationModelAgreement`, `InvokeModel`.',
    why: 'LLM-jacking: stolen keys are used to enable and run paid models.',
    tune: 'Allow-list the application roles that invoke models.',
    contain: 'Remove the model access; suspend the principal.',
  }),
  // ---- Anomalies from baselines -------------------------------------------------------
  ...Object.fromEntries(
    (
      [
        ['CredentialAccess', 'MEDIUM', ['T1555.006', 'T1552'], 'credential access'],
        ['DefenseEvasion', 'MEDIUM', ['T1562'], 'defense evasion'],
        ['Discovery', 'LOW', ['T1580', 'T1087.004'], 'discovery'],
        ['Exfiltration', 'HIGH', ['T1537'], 'exfiltration'],
        ['Impact', 'HIGH', ['T1485', 'T1496'], 'impact'],
        ['InitialAccess', 'MEDIUM', ['T1078.004'], 'initial access'],
        ['Persistence', 'MEDIUM', ['T1098'], 'persistence'],
        ['PrivilegeEscalation', 'MEDIUM', ['T1098.003'], 'privilege escalation'],
      ] as const
    ).map(([tactic, severity, techniques, words]) => [
      `${tactic}:IAMUser/AnomalousBehavior`,
      gd({
        severity, techniques: [...techniques], title: `API commonly used for ${words} invoked in an unusual way`, source: 'baseline/detector.ts',
        looksAt: `APIs GuardDuty associates with ${words}, called by a principal after its learning period, from a network (ASN), country or user-agent family the principal has not used before, or an API it has never called.`,
        why: 'Stolen credentials are used from new places and for new things; the combination is rare for a principal with a history.',
        tune: '`--learning-days`/`detect.learningDays`; keep `--state` so the baseline keeps learning across runs.',
        queries: [ACTOR_QUERY, IP_QUERY],
      }),
    ]),
  ),
  // ---- Pen-test tools ---------------------------------------------------------------------
  ...Object.fromEntries(
    ['KaliLinux', 'ParrotLinux', 'PentooLinux'].map((distro) => [
      `PenTest:IAMUser/${distro}`,
      gd({
        severity: 'MEDIUM', techniques: ['T1078.004'], title: `API call from ${distro.replace('Linux', ' Linux')}`, source: `rules/pentest-${distro.replace('Linux', '').toLowerCase()}.yml`,
        looksAt: `The CloudTrail user agent names the ${distro.replace('Linux', ' Linux')} penetration-testing distribution.`,
        why: 'Credentials are being used from an attack distribution; fine during an authorised test, alarming otherwise.',
        tune: 'Allow-list the user agent or the tester\'s principal during authorised tests.',
        queries: [ACTOR_QUERY],
      }),
    ]),
  ),
  // ---- Network and DNS -------------------------------------------------------------------
  'CryptoCurrency:EC2/BitcoinTool.B': gd({
    severity: 'HIGH', techniques: ['T1496'], title: 'Instance talking to a crypto-mining pool', source: 'detectors/network.ts',
    looksAt: 'Accepted outbound flows to mining-pool ports (3333, 4444, 5555, 7777, 14444, 45700 …) on public addresses, or to pool IPs from `--intel`.',
    why: 'Mining is the most common use of a hijacked instance.',
    tune: 'Allow-list the remote address if a service really uses one of these ports.',
    queries: [],
    contain: 'Isolate the instance; block the pool address.',
    recover: 'Rebuild the instance; find how the miner got there.',
  }),
  'CryptoCurrency:EC2/BitcoinTool.B!DNS': gd({
    severity: 'HIGH', techniques: ['T1496'], title: 'Instance resolving a crypto-mining domain', source: 'detectors/dns.ts',
    looksAt: 'Route 53 Resolver queries for known mining-pool domains (built-in list and `--intel`).',
    why: 'Resolving a pool domain is the first step of mining.',
    tune: 'Add or remove domains through `--intel`.',
    queries: [],
    contain: 'Isolate the instance; add the domain to a Resolver DNS Firewall block list.',
    recover: 'Rebuild the instance.',
  }),
  'Backdoor:EC2/C&CActivity.B': gd({
    severity: 'HIGH', techniques: ['T1071'], title: 'Instance talking to a command-and-control server', source: 'detectors/network.ts',
    looksAt: 'Outbound accepted flows to IPs labelled command-and-control (c2) in `--intel`.',
    why: 'The instance is probably part of a botnet.',
    tune: 'Curate the intel files.',
    queries: [],
    contain: 'Isolate the instance.',
    recover: 'Rebuild the instance from a clean image.',
  }),
  'Backdoor:EC2/C&CActivity.B!DNS': gd({
    severity: 'HIGH', techniques: ['T1071.004'], title: 'Instance resolving a command-and-control domain', source: 'detectors/dns.ts',
    looksAt: 'DNS queries for domains in `--intel` (domain lists, STIX domain-name and url indicators).',
    why: 'Resolving a C&C domain shows malware trying to reach its controller.',
    tune: 'Curate the intel files.',
    queries: [],
    contain: 'Block the domain in Resolver DNS Firewall; isolate the instance.',
    recover: 'Rebuild the instance.',
  }),
  'Trojan:EC2/DGADomainRequest.C!DNS': gd({
    severity: 'HIGH', techniques: ['T1568.002'], title: 'Instance resolving algorithmically generated domains', source: 'detectors/dns.ts',
    looksAt: 'DNS names whose registrable label scores as machine-generated (character entropy and rare bigrams), several distinct ones per instance, most of them NXDOMAIN.',
    why: 'Malware uses domain-generation algorithms to find its controller.',
    tune: '`detect.thresholds.dgaDomains` (default 5 distinct names); allow-list CDNs with random-looking names.',
    queries: [],
    contain: 'Isolate the instance.',
    recover: 'Rebuild the instance.',
  }),
  'Trojan:EC2/DNSDataExfiltration': gd({
    severity: 'HIGH', techniques: ['T1048.003', 'T1071.004'], title: 'Data exfiltration through DNS queries', source: 'detectors/dns.ts',
    looksAt: 'Many queries under one domain with long, high-entropy labels (threshold `dnsExfilQueries`, default 20 in 1 hour), or a large total of encoded bytes.',
    why: 'Encoding data in subdomain labels passes through most firewalls.',
    tune: '`detect.thresholds.dnsExfilQueries`; allow-list security vendors that use DNS lookups (anti-virus reputation).',
    queries: [],
    contain: 'Block the domain in Resolver DNS Firewall; isolate the instance.',
    recover: 'Find what data was read on the instance; rebuild it.',
  }),
  'Trojan:EC2/DropPoint!DNS': gd({
    severity: 'HIGH', techniques: ['T1041'], title: 'Instance resolving a known malware drop point', source: 'detectors/dns.ts',
    looksAt: 'DNS queries for domains labelled drop point (droppoint) in `--intel`.',
    why: 'Drop points collect credentials and data stolen by malware.',
    tune: 'Curate the intel files.',
    queries: [],
    contain: 'Block the domain; isolate the instance.',
    recover: 'Rotate credentials used on the instance; rebuild it.',
  }),
  'Trojan:EC2/DropPoint': gd({
    severity: 'MEDIUM', techniques: ['T1041'], title: 'Instance talking to a known malware drop point', source: 'detectors/network.ts',
    looksAt: 'Outbound accepted flows to IPs labelled drop point in `--intel`.',
    why: 'Drop points collect data stolen by malware.',
    tune: 'Curate the intel files.',
    queries: [],
    contain: 'Isolate the instance.',
    recover: 'Rotate credentials used on the instance; rebuild it.',
  }),
};

/** A rule from `--rules` (not built in): generic metadata, the rule names itself. */
export const SIGMA_RULE_INFO: Omit<FindingTypeInfo, 'type' | 'title' | 'severity' | 'techniques'> = {
  looksAt: 'The events matched by the Sigma rule\'s detection section.',
  why: 'The rule\'s author considers the matched activity suspicious (see the rule\'s description and false positives).',
  tune: 'Allow-list the rule id in `detect.allow.rules`, or edit the rule.',
  queries: [ACTOR_QUERY],
  contain: KEYS_CONTAIN,
  recover: KEYS_RECOVER,
  guardduty: false,
  source: 'sigma',
};

export function findingTypeInfo(type: string): FindingTypeInfo | undefined {
  const entry = TABLE[type];
  return entry ? { type, ...entry } : undefined;
}

export function allFindingTypes(): FindingTypeInfo[] {
  return Object.entries(TABLE)
    .map(([type, entry]) => ({ type, ...entry }))
    .sort((a, b) => a.type.localeCompare(b.type));
}

/** `Backdoor:EC2/C&CActivity.B!DNS` → `playbooks/detect/Backdoor-EC2-C-CActivity-B-DNS.md` (the findings hub uses the same names). */
export function playbookPath(type: string): string {
  return `playbooks/detect/${type.replace(/[/:.&!]/g, '-')}.md`;
}

/** The documentation links of a type: GuardDuty's page (where it has the type) and ATT&CK. */
export function referencesFor(info: Pick<FindingTypeInfo, 'type' | 'techniques' | 'guardduty'>): string[] {
  const refs: string[] = [];
  if (info.guardduty) {
    const family = info.type.split('/')[0]!.split(':')[1]!;
    const page = family === 'IAMUser' ? 'guardduty_finding-types-iam.html' : family === 'S3' ? 'guardduty_finding-types-s3.html' : 'guardduty_finding-types-ec2.html';
    const anchor = info.type.toLowerCase().replace(/[:/.!&]+/g, '-');
    refs.push(`${GD}${page}#${anchor}`);
  }
  for (const technique of info.techniques) refs.push(`https://attack.mitre.org/techniques/${technique.replace('.', '/')}/`);
  return refs;
}

/** The Markdown playbook of one finding type (written to `playbooks/detect/`). */
export function renderPlaybook(info: FindingTypeInfo): string {
  const lines = [
    `# ${info.type}`,
    '',
    `${info.title}. Default severity **${info.severity}**. ATT&CK: ${info.techniques.join(', ')}.` +
      (info.guardduty ? ' GuardDuty has this finding type; Vigil derives it from the same logs.' : ' Vigil\'s own type (GuardDuty has no equivalent from these logs).'),
    '',
    '## What it looks at',
    '',
    info.looksAt,
    '',
    '## Why it fires',
    '',
    info.why,
    '',
    '## How to tune it',
    '',
    `${info.tune} Any finding type can be silenced with \`detect.allow.rules\` in vigil.yaml; principals, IPs and user agents with \`detect.allow.principals|ips|userAgents\`.`,
    '',
    '## Investigate: CloudTrail queries to run next',
    '',
    'Replace `{actor}` with the finding\'s actor (`evidence.actor`), `{resource}` with its resource id and `{ip}` with a source IP from the evidence.',
    '',
    ...(info.queries.length > 0
      ? info.queries.flatMap((q) => ['```sh', `vigil trail query "${q}" ./AWSLogs`, '```', ''])
      : ['The evidence lists the flow or DNS log lines (`file:line`); read those and the instance\'s own logs.', '']),
    '## Contain',
    '',
    info.contain,
    '',
    '## Recover',
    '',
    info.recover,
    '',
    `Detector: \`src/detect/${info.source}\`.`,
    '',
    '## References',
    '',
    ...referencesFor(info).map((r) => `- ${r}`),
    '',
  ];
  return lines.join('\n');
}
