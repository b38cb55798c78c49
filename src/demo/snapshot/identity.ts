import { ATTACKER_ACCOUNT, COLLECTED_AT, daysAgo, EXTERNAL_ACCOUNT, iamId, iso, ACCOUNTS, type DemoUser } from '../org.ts';
import { fail, GLOBAL_REGION, iamEncoded, ok, perResource, policyJson, type BuildContext } from './util.ts';

/** sts, iam, organizations, account: who exists and how they may sign in. */

const ADMIN_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const IAM_FULL_ACCESS = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['iam:*', 'organizations:DescribeAccount', 'organizations:DescribeOrganization', 'organizations:DescribeOrganizationalUnit', 'organizations:DescribePolicy', 'organizations:ListChildren', 'organizations:ListParents', 'organizations:ListPoliciesForTarget', 'organizations:ListRoots', 'organizations:ListPolicies', 'organizations:ListTargetsForPolicy'], Resource: '*' }],
};
const POWER_USER_ACCESS = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
    { Effect: 'Allow', Action: ['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization', 'account:ListRegions', 'account:GetAccountInformation'], Resource: '*' },
  ],
};

export function buildSts(ctx: BuildContext): void {
  const { account } = ctx;
  ctx.put('sts', 'GetCallerIdentity', GLOBAL_REGION, ok({ UserId: `${ctx.org.roleIds[`${account.id}/OrganizationAccountAccessRole`] ?? 'AROAVIGILDEMO0000000'}:vigil`, Account: account.id, Arn: `arn:aws:sts::${account.id}:assumed-role/VigilReadOnly/vigil` }));
}

interface RoleSpec {
  name: string;
  path?: string;
  trust: object;
  attached?: string[];
  inline?: Record<string, object>;
  instanceProfile?: boolean;
  lastUsedDaysAgo?: number;
}

function rolesFor(ctx: BuildContext): RoleSpec[] {
  const { account } = ctx;
  const mgmt = ACCOUNTS.management.id;
  const service = (s: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: s }, Action: 'sts:AssumeRole' }] });
  const orgAccess: RoleSpec = {
    name: 'OrganizationAccountAccessRole',
    trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${mgmt}:root` }, Action: 'sts:AssumeRole' }] },
    attached: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    lastUsedDaysAgo: 1,
  };
  switch (account.key) {
    case 'management':
      return [
        {
          name: 'OrganizationAdmin',
          trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${mgmt}:user/alice` }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] },
          attached: ['arn:aws:iam::aws:policy/AdministratorAccess'],
          lastUsedDaysAgo: 2,
        },
        {
          name: 'security-audit',
          trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${mgmt}:root` }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] },
          attached: [`arn:aws:iam::${mgmt}:policy/SecurityAuditRead`],
          lastUsedDaysAgo: 3,
        },
      ];
    case 'prod':
      return [
        orgAccess,
        {
          name: 'app-server',
          trust: service('ec2.amazonaws.com'),
          inline: {
            'app-data': {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::acme-prod-app-data', 'arn:aws:s3:::acme-prod-app-data/*'] },
                { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:DescribeTable'], Resource: `arn:aws:dynamodb:*:${account.id}:table/orders` },
                { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: `arn:aws:secretsmanager:*:${account.id}:secret:prod/app/*` },
                { Effect: 'Allow', Action: ['kms:Decrypt', 'ssm:GetParameter', 'ssm:GetParameters'], Resource: '*' },
              ],
            },
          },
          instanceProfile: true,
          lastUsedDaysAgo: 0,
        },
        {
          name: 'ci-deploy',
          trust: {
            Version: '2012-10-17',
            Statement: [{
              Effect: 'Allow',
              Principal: { Federated: `arn:aws:iam::${account.id}:oidc-provider/token.actions.githubusercontent.com` },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' } },
            }],
          },
          attached: ['arn:aws:iam::aws:policy/PowerUserAccess'],
          lastUsedDaysAgo: 0,
        },
        { name: 'orders-processor-role', trust: service('lambda.amazonaws.com'), inline: { orders: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:GetItem', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }] } }, lastUsedDaysAgo: 0 },
        {
          // Deliberate: a third party can assume this role with no sts:ExternalId condition (confused deputy).
          name: 'vendor-audit',
          trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${EXTERNAL_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] },
          attached: [`arn:aws:iam::${account.id}:policy/VendorReadOnly`],
          lastUsedDaysAgo: 40,
        },
        { name: 'prod-trail-cwl', trust: service('cloudtrail.amazonaws.com'), inline: { cwl: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:us-east-1:${account.id}:log-group:prod-trail:*` }] } } },
      ];
    case 'dev':
      return [
        orgAccess,
        { name: 'dev-web-role', trust: service('ec2.amazonaws.com'), attached: [`arn:aws:iam::${account.id}:policy/DeveloperAccess`], instanceProfile: true, lastUsedDaysAgo: 0 },
        { name: 'dev-build-role', trust: service('ec2.amazonaws.com'), attached: ['arn:aws:iam::aws:policy/PowerUserAccess'], instanceProfile: true, lastUsedDaysAgo: 0 },
        {
          name: 'deploy-role',
          // As collected after the embedded attack: the attacker's account was added to the trust policy.
          trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account.id}:user/ci-legacy` }, Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ATTACKER_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] },
          attached: ['arn:aws:iam::aws:policy/AdministratorAccess'],
          lastUsedDaysAgo: 0,
        },
        { name: 'thumbnailer-role', trust: service('lambda.amazonaws.com'), inline: { s3: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }, lastUsedDaysAgo: 5 },
      ];
  }
}

function customerPolicies(ctx: BuildContext): Array<{ name: string; document: object }> {
  const { account } = ctx;
  switch (account.key) {
    case 'management':
      return [{ name: 'SecurityAuditRead', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['cloudtrail:Describe*', 'cloudtrail:Get*', 'cloudtrail:LookupEvents', 'config:Describe*', 'guardduty:Get*', 'guardduty:List*', 'securityhub:Get*', 'iam:Get*', 'iam:List*', 'iam:GenerateCredentialReport'], Resource: '*' }] } }];
    case 'prod':
      return [{ name: 'VendorReadOnly', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ec2:Describe*', 's3:ListAllMyBuckets', 's3:GetBucket*', 'iam:List*', 'iam:Get*'], Resource: '*' }] } }];
    case 'dev':
      return [{
        // Deliberate: iam:PassRole on * with ec2:RunInstances is a privilege-escalation path.
        name: 'DeveloperAccess',
        document: { Version: '2012-10-17', Statement: [
          { Effect: 'Allow', Action: ['ec2:*', 's3:*', 'lambda:*', 'dynamodb:*', 'logs:*', 'cloudwatch:*', 'secretsmanager:GetSecretValue', 'ssm:*'], Resource: '*' },
          { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
        ] },
      }];
  }
}

const GROUPS: Record<string, string[]> = {
  Admins: ['arn:aws:iam::aws:policy/AdministratorAccess'],
  SecurityAuditors: ['arn:aws:iam::ACCOUNT:policy/SecurityAuditRead'],
  Developers: ['arn:aws:iam::ACCOUNT:policy/DeveloperAccess'],
};

export function buildIam(ctx: BuildContext): void {
  const { account, org, rng } = ctx;
  const r = rng.fork('iam');
  const R = GLOBAL_REGION;
  const users = org.users.filter((u) => u.account === account.id);
  const roles = rolesFor(ctx);
  const customer = customerPolicies(ctx);
  const groupNames = [...new Set(users.flatMap((u) => u.groups))];
  const attachedArns = new Set<string>();
  for (const u of users) u.attached.forEach((a) => attachedArns.add(a));
  for (const g of groupNames) GROUPS[g]!.forEach((a) => attachedArns.add(a.replace('ACCOUNT', account.id)));
  for (const role of roles) role.attached?.forEach((a) => attachedArns.add(a));
  const policyName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
  const attachments = (arns: string[]) => arns.map((PolicyArn) => ({ PolicyName: policyName(PolicyArn), PolicyArn }));
  const rootMfaVirtual = account.key === 'prod';
  const rootMfa = account.key !== 'dev';
  const rootKey = account.key === 'dev';

  ctx.put('iam', 'GetAccountSummary', R, ok({ SummaryMap: {
    Users: users.length, UsersQuota: 5000, Groups: groupNames.length, GroupsQuota: 300, Roles: roles.length, RolesQuota: 1000,
    Policies: customer.length, PoliciesQuota: 1500, MFADevices: users.filter((u) => u.mfa).length + (rootMfaVirtual ? 1 : 0) + (account.key === 'dev' ? 1 : 0),
    MFADevicesInUse: users.filter((u) => u.mfa).length + (rootMfa ? 1 : 0), AccountMFAEnabled: rootMfa ? 1 : 0, AccountAccessKeysPresent: rootKey ? 1 : 0,
    AccountSigningCertificatesPresent: 0, ServerCertificates: account.key === 'dev' ? 1 : 0, ServerCertificatesQuota: 20, InstanceProfiles: roles.filter((x) => x.instanceProfile).length,
    Providers: account.key === 'management' || account.key === 'prod' ? 1 : 0, AttachedPoliciesPerUserQuota: 10, AttachedPoliciesPerRoleQuota: 10, AttachedPoliciesPerGroupQuota: 10,
    PolicySizeQuota: 6144, UserPolicySizeQuota: 2048, RolePolicySizeQuota: 10240, GroupPolicySizeQuota: 5120, VersionsPerPolicyQuota: 5, GlobalEndpointTokenVersion: 1,
  } }));

  if (account.key === 'management') {
    ctx.put('iam', 'GetAccountPasswordPolicy', R, ok({ PasswordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, ExpirePasswords: true, MaxPasswordAge: 90, PasswordReusePrevention: 24, HardExpiry: false } }));
  } else if (account.key === 'prod') {
    ctx.put('iam', 'GetAccountPasswordPolicy', R, fail('NoSuchEntity', `The Password Policy with domain name ${account.id} cannot be found.`));
  } else {
    // Deliberately weak: short, no symbols/numbers, no reuse prevention, no expiry.
    ctx.put('iam', 'GetAccountPasswordPolicy', R, ok({ PasswordPolicy: { MinimumPasswordLength: 8, RequireSymbols: false, RequireNumbers: false, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, ExpirePasswords: false } }));
  }

  ctx.put('iam', 'GetCredentialReport', R, ok({ Content: Buffer.from(credentialReport(ctx, users, { rootMfa, rootKey })).toString('base64'), ReportFormat: 'text/csv', GeneratedTime: iso(Date.parse(COLLECTED_AT) - 120_000) }));

  const doc = (d: object) => iamEncoded(d);
  const userDetails = users.map((u) => ({
    Path: '/', UserName: u.name, UserId: u.userId, Arn: `arn:aws:iam::${account.id}:user/${u.name}`, CreateDate: u.created,
    UserPolicyList: u.inline ? [{ PolicyName: u.inline.name, PolicyDocument: doc(u.inline.document) }] : [],
    GroupList: u.groups, AttachedManagedPolicies: attachments(u.attached), Tags: [{ Key: 'team', Value: u.name === 'svc-reporting' || u.name === 'ci-legacy' ? 'platform' : 'engineering' }],
  }));
  const groupDetails = groupNames.map((g) => ({
    Path: '/', GroupName: g, GroupId: iamId(r, 'AGPA', 17), Arn: `arn:aws:iam::${account.id}:group/${g}`, CreateDate: daysAgo(800),
    GroupPolicyList: [], AttachedManagedPolicies: attachments(GROUPS[g]!.map((a) => a.replace('ACCOUNT', account.id))),
  }));
  const roleDetails = roles.map((role) => {
    const arn = `arn:aws:iam::${account.id}:role${role.path ?? '/'}${role.name}`;
    const roleIdValue = org.roleIds[`${account.id}/${role.name}`] ?? iamId(r, 'AROA', 17);
    return {
      Path: role.path ?? '/', RoleName: role.name, RoleId: roleIdValue, Arn: arn, CreateDate: daysAgo(500),
      AssumeRolePolicyDocument: doc(role.trust),
      InstanceProfileList: role.instanceProfile ? [{ Path: '/', InstanceProfileName: role.name, InstanceProfileId: iamId(r, 'AIDA', 17).replace('AIDA', 'AIPA'), Arn: `arn:aws:iam::${account.id}:instance-profile/${role.name}`, CreateDate: daysAgo(500), Roles: [{ Path: '/', RoleName: role.name, RoleId: roleIdValue, Arn: arn, CreateDate: daysAgo(500), AssumeRolePolicyDocument: doc(role.trust) }] }] : [],
      RolePolicyList: Object.entries(role.inline ?? {}).map(([PolicyName, d]) => ({ PolicyName, PolicyDocument: doc(d) })),
      AttachedManagedPolicies: attachments(role.attached ?? []), Tags: [],
      RoleLastUsed: role.lastUsedDaysAgo === undefined ? {} : { LastUsedDate: daysAgo(role.lastUsedDaysAgo, 12), Region: 'us-east-1' },
    };
  });
  const managed: Array<{ arn: string; document: object; aws: boolean }> = [];
  for (const p of customer) managed.push({ arn: `arn:aws:iam::${account.id}:policy/${p.name}`, document: p.document, aws: false });
  if (attachedArns.has('arn:aws:iam::aws:policy/AdministratorAccess')) managed.push({ arn: 'arn:aws:iam::aws:policy/AdministratorAccess', document: ADMIN_ACCESS, aws: true });
  if (attachedArns.has('arn:aws:iam::aws:policy/IAMFullAccess')) managed.push({ arn: 'arn:aws:iam::aws:policy/IAMFullAccess', document: IAM_FULL_ACCESS, aws: true });
  if (attachedArns.has('arn:aws:iam::aws:policy/PowerUserAccess')) managed.push({ arn: 'arn:aws:iam::aws:policy/PowerUserAccess', document: POWER_USER_ACCESS, aws: true });
  const policies = managed.map((p) => ({
    PolicyName: policyName(p.arn), PolicyId: iamId(r, 'ANPA', 17), Arn: p.arn, Path: '/', DefaultVersionId: p.aws ? 'v1' : 'v2',
    AttachmentCount: [...userDetails, ...groupDetails, ...roleDetails].filter((x) => x.AttachedManagedPolicies.some((a) => a.PolicyArn === p.arn)).length,
    PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: daysAgo(p.aws ? 3000 : 600), UpdateDate: daysAgo(p.aws ? 900 : 100),
    PolicyVersionList: [{ Document: doc(p.document), VersionId: p.aws ? 'v1' : 'v2', IsDefaultVersion: true, CreateDate: daysAgo(p.aws ? 900 : 100) }],
  }));
  ctx.put('iam', 'GetAccountAuthorizationDetails', R, ok({ UserDetailList: userDetails, GroupDetailList: groupDetails, RoleDetailList: roleDetails, Policies: policies }));

  const virtual: object[] = users.filter((u) => u.mfa).map((u) => ({
    SerialNumber: `arn:aws:iam::${account.id}:mfa/${u.name}`, User: { Path: '/', UserName: u.name, UserId: u.userId, Arn: `arn:aws:iam::${account.id}:user/${u.name}`, CreateDate: u.created, ...(u.passwordLastUsed ? { PasswordLastUsed: u.passwordLastUsed } : {}) }, EnableDate: daysAgo(200),
  }));
  if (rootMfaVirtual) virtual.push({ SerialNumber: `arn:aws:iam::${account.id}:mfa/root-account-mfa-device`, User: { Arn: `arn:aws:iam::${account.id}:root`, UserId: account.id, CreateDate: daysAgo(1200), UserName: '', Path: '' }, EnableDate: daysAgo(1100) });
  if (account.key === 'dev') virtual.push({ SerialNumber: `arn:aws:iam::${account.id}:mfa/dave`, EnableDate: undefined }); // created, never assigned
  ctx.put('iam', 'ListVirtualMFADevices', R, ok({ VirtualMFADevices: virtual.map((v) => JSON.parse(JSON.stringify(v))) }));

  ctx.put('iam', 'ListSAMLProviders', R, ok({ SAMLProviderList: account.key === 'management' ? [{ Arn: `arn:aws:iam::${account.id}:saml-provider/AcmeOkta`, ValidUntil: '2125-01-01T00:00:00Z', CreateDate: daysAgo(600) }] : [] }));
  ctx.put('iam', 'ListOpenIDConnectProviders', R, ok({ OpenIDConnectProviderList: account.key === 'prod' ? [{ Arn: `arn:aws:iam::${account.id}:oidc-provider/token.actions.githubusercontent.com` }] : [] }));
  ctx.put('iam', 'ListServerCertificates', R, ok({ ServerCertificateMetadataList: account.key === 'dev' ? [{ Path: '/', ServerCertificateName: 'legacy-dev-cert', ServerCertificateId: iamId(r, 'ASCA', 17), Arn: `arn:aws:iam::${account.id}:server-certificate/legacy-dev-cert`, UploadDate: daysAgo(800), Expiration: daysAgo(60) }] : [] }));

  const keys: Record<string, ReturnType<typeof ok>> = {};
  const mfas: Record<string, ReturnType<typeof ok>> = {};
  for (const u of users) {
    keys[u.name] = ok({ AccessKeyMetadata: u.keys.map((k) => ({ UserName: u.name, AccessKeyId: k.id, Status: k.status, CreateDate: k.created })), IsTruncated: false });
    mfas[u.name] = ok({ MFADevices: u.mfa ? [{ UserName: u.name, SerialNumber: `arn:aws:iam::${account.id}:mfa/${u.name}`, EnableDate: daysAgo(200) }] : [], IsTruncated: false });
  }
  ctx.put('iam', 'ListAccessKeys', R, perResource(keys));
  ctx.put('iam', 'ListMFADevices', R, perResource(mfas));
  ctx.put('iam', 'ListAccountAliases', R, ok({ AccountAliases: [`acme-${account.name}`], IsTruncated: false }));
  ctx.put('iam', 'GetAccessKeyLastUsed', R, perResource(Object.fromEntries(users.flatMap((u) => u.keys.map((k) => [k.id, ok({
    UserName: u.name, AccessKeyLastUsed: k.lastUsed ? { LastUsedDate: k.lastUsed, ServiceName: u.name === 'svc-reporting' ? 's3' : 'sts', Region: 'us-east-1' } : { ServiceName: 'N/A', Region: 'N/A' },
  })])))));
  // Service last-accessed data (GenerateServiceLastAccessedDetails, SERVICE_LEVEL) for every user and role.
  const lastAccessed = (arn: string, services: Array<[namespace: string, daysAgo: number | undefined]>) => [arn, ok({
    JobStatus: 'COMPLETED', JobType: 'SERVICE_LEVEL', JobCreationDate: iso(Date.parse(COLLECTED_AT) - 300_000), JobCompletionDate: iso(Date.parse(COLLECTED_AT) - 240_000), IsTruncated: false,
    ServicesLastAccessed: services.map(([ns, d]) => ({ ServiceName: SERVICE_NAMES[ns] ?? ns, ServiceNamespace: ns, TotalAuthenticatedEntities: d === undefined ? 0 : 1, ...(d === undefined ? {} : { LastAuthenticated: daysAgo(d, 15), LastAuthenticatedEntity: arn, LastAuthenticatedRegion: 'us-east-1' }) })),
  })] as const;
  const usage: Record<string, Array<[string, number | undefined]>> = {
    alice: [['ec2', 0], ['iam', 0], ['organizations', 0], ['s3', 1], ['sts', 0], ['ce', 2], ['cloudtrail', 3]],
    bob: [['guardduty', 0], ['securityhub', 0], ['cloudtrail', 1], ['iam', 0], ['access-analyzer', 2], ['config', 4]],
    'svc-reporting': [['s3', 200]],
    carol: [['ec2', 0], ['s3', 0], ['lambda', 0], ['logs', 0], ['dynamodb', 1], ['cloudwatch', 0], ['secretsmanager', undefined], ['ssm', 0]],
    dave: [['ec2', 0], ['s3', 1], ['lambda', 2], ['logs', 0], ['dynamodb', undefined], ['cloudwatch', undefined], ['secretsmanager', undefined], ['ssm', 3], ['iam', 1], ['organizations', undefined]],
    'ci-legacy': [['cloudformation', 0], ['lambda', 0], ['ecr', 0], ['sts', 0], ['ec2', 120], ['rds', undefined], ['sagemaker', undefined], ['s3', 1]],
  };
  const roleUsage = (name: string): Array<[string, number | undefined]> =>
    name === 'vendor-audit' ? [['ec2', 40], ['s3', 40], ['iam', undefined]]
      : name === 'app-server' ? [['s3', 0], ['dynamodb', 0], ['secretsmanager', 0], ['kms', 0], ['ssm', 0]]
        : name === 'thumbnailer-role' ? [['s3', 5]]
          : name === 'OrganizationAccountAccessRole' || name === 'OrganizationAdmin' ? [['ec2', 1], ['iam', 2], ['s3', 1], ['cloudformation', 1], ['kms', undefined], ['rds', undefined]]
            : [['sts', 0], ['s3', 0], ['ec2', 0]];
  ctx.put('iam', 'GetServiceLastAccessedDetails', R, perResource(Object.fromEntries([
    ...users.map((u) => lastAccessed(`arn:aws:iam::${account.id}:user/${u.name}`, usage[u.name] ?? [])),
    ...roles.map((role) => lastAccessed(`arn:aws:iam::${account.id}:role${role.path ?? '/'}${role.name}`, roleUsage(role.name))),
  ])));
}

const SERVICE_NAMES: Record<string, string> = {
  ec2: 'Amazon EC2', iam: 'AWS Identity and Access Management', organizations: 'AWS Organizations', s3: 'Amazon S3', sts: 'AWS Security Token Service', ce: 'AWS Cost Explorer Service',
  cloudtrail: 'AWS CloudTrail', guardduty: 'Amazon GuardDuty', securityhub: 'AWS Security Hub', 'access-analyzer': 'IAM Access Analyzer', config: 'AWS Config', lambda: 'AWS Lambda',
  logs: 'Amazon CloudWatch Logs', dynamodb: 'Amazon DynamoDB', cloudwatch: 'Amazon CloudWatch', secretsmanager: 'AWS Secrets Manager', ssm: 'AWS Systems Manager', cloudformation: 'AWS CloudFormation',
  ecr: 'Amazon Elastic Container Registry', rds: 'Amazon RDS', sagemaker: 'Amazon SageMaker', kms: 'AWS Key Management Service',
};

/** The IAM credential report, with the column set and value conventions IAM documents. */
function credentialReport(ctx: BuildContext, users: DemoUser[], root: { rootMfa: boolean; rootKey: boolean }): string {
  const { account } = ctx;
  const ts = (s: string | undefined) => (s ? s.replace(/Z$/, '+00:00') : 'N/A');
  const header = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
  const keyCols = (k: { created: string; lastUsed?: string; status: string } | undefined) =>
    k ? [String(k.status === 'Active'), ts(k.created), ts(k.lastUsed), k.lastUsed ? 'us-east-1' : 'N/A', k.lastUsed ? 's3' : 'N/A'] : ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  const rootKey = root.rootKey ? { created: daysAgo(900), lastUsed: daysAgo(20), status: 'Active' } : undefined;
  const rootLastLogin = account.key === 'dev' ? daysAgo(1, 4) : account.key === 'management' ? daysAgo(4, 16) : daysAgo(300);
  const rows = [[`<root_account>`, `arn:aws:iam::${account.id}:root`, ts(daysAgo(1500)), 'not_supported', ts(rootLastLogin), 'not_supported', 'not_supported', String(root.rootMfa), ...keyCols(rootKey), ...keyCols(undefined), 'false', 'N/A', 'false', 'N/A']];
  for (const u of users) {
    rows.push([
      u.name, `arn:aws:iam::${account.id}:user/${u.name}`, ts(u.created), String(u.console), u.console ? ts(u.passwordLastUsed ?? 'no_information') : 'N/A',
      u.console ? ts(daysAgo(u.name === 'dave' ? 240 : 45)) : 'N/A', u.console && account.key === 'management' ? ts(daysAgo(-45)) : 'N/A', String(u.mfa),
      ...keyCols(u.keys[0]), ...keyCols(u.keys[1]), 'false', 'N/A', 'false', 'N/A',
    ]);
  }
  return `${[header, ...rows.map((r) => r.join(','))].join('\n')}`;
}

export function buildOrganizations(ctx: BuildContext): void {
  const { account, org } = ctx;
  const R = GLOBAL_REGION;
  const mgmt = ACCOUNTS.management;
  ctx.put('organizations', 'DescribeOrganization', R, ok({ Organization: {
    Id: org.orgId, Arn: `arn:aws:organizations::${mgmt.id}:organization/${org.orgId}`, FeatureSet: 'ALL',
    MasterAccountArn: `arn:aws:organizations::${mgmt.id}:account/${org.orgId}/${mgmt.id}`, MasterAccountId: mgmt.id, MasterAccountEmail: mgmt.email,
    AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
  } }));
  if (account.key !== 'management') {
    // Only the management account (or a delegated administrator) may list accounts and policies.
    const denied = fail('AccessDeniedException', "You don't have permissions to access this resource.");
    ctx.put('organizations', 'ListAccounts', R, denied);
    ctx.put('organizations', 'ListPolicies', R, denied);
    return;
  }
  ctx.put('organizations', 'ListAccounts', R, ok({ Accounts: org.accounts.map((a, i) => ({
    Id: a.id, Arn: `arn:aws:organizations::${mgmt.id}:account/${org.orgId}/${a.id}`, Email: a.email, Name: a.name, Status: 'ACTIVE', State: 'ACTIVE',
    JoinedMethod: i === 0 ? 'INVITED' : 'CREATED', JoinedTimestamp: daysAgo(1500 - i * 100),
  })) }));
  const denyId = `p-${ctx.rng.fork('scp').chars('abcdefghijklmnopqrstuvwxyz0123456789', 8)}`;
  const full = { Id: 'p-FullAWSAccess', Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess', Name: 'FullAWSAccess', Description: 'Allows access to every operation', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: true };
  const deny = { Id: denyId, Arn: `arn:aws:organizations::${mgmt.id}:policy/${org.orgId}/service_control_policy/${denyId}`, Name: 'DenyLeaveOrgAndSecurityTampering', Description: 'Members may not leave the organization or disable the organization trail', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false };
  ctx.put('organizations', 'ListPolicies', R, ok({ Policies: [full, deny] }));
  ctx.put('organizations', 'DescribePolicy', R, perResource({
    [full.Id]: ok({ Policy: { PolicySummary: full, Content: policyJson({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) } }),
    [deny.Id]: ok({ Policy: { PolicySummary: deny, Content: policyJson({ Version: '2012-10-17', Statement: [
      { Sid: 'DenyLeaveOrganization', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
      { Sid: 'ProtectOrgTrail', Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors'], Resource: `arn:aws:cloudtrail:*:${mgmt.id}:trail/org-trail`, Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/OrganizationAccountAccessRole' } } },
    ] }) } }),
  }));
}

export function buildAccount(ctx: BuildContext): void {
  const { account } = ctx;
  const present = (type: string, name: string) => ok({ AlternateContact: { AlternateContactType: type, EmailAddress: `${type.toLowerCase()}@acme-demo.example`, Name: name, PhoneNumber: '+1-555-0100', Title: `${type[0]}${type.slice(1).toLowerCase()} contact` } });
  const absent = () => fail('ResourceNotFoundException', 'No contact of the inputted alternate contact type found.');
  const has = { management: ['SECURITY', 'BILLING', 'OPERATIONS'], prod: ['SECURITY'], dev: [] as string[] }[account.key];
  const names: Record<string, string> = { SECURITY: 'Acme Security Team', BILLING: 'Acme Finance', OPERATIONS: 'Acme SRE' };
  ctx.put('account', 'GetAlternateContact', GLOBAL_REGION, perResource(Object.fromEntries(['SECURITY', 'BILLING', 'OPERATIONS'].map((t) => [t, has.includes(t) ? present(t, names[t]!) : absent()]))));
}
