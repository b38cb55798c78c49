import { daysAgo, iso, DEMO_END, REGIONS } from '../org.ts';
import { fail, GLOBAL_REGION, ok, perResource, type BuildContext } from './util.ts';

/** guardduty, securityhub, accessanalyzer, inspector2, macie2, detective, shield: the AWS security services' own status. */

export function buildSecurityServices(ctx: BuildContext): void {
  const { account, rng } = ctx;
  const r = rng.fork('secsvc');
  const key = account.key;
  for (const region of REGIONS) {
    // GuardDuty: everywhere except dev eu-west-1 (its detector was deleted during the embedded attack).
    const detectorId = r.hex(32);
    const hasDetector = !(key === 'dev' && region === 'eu-west-1');
    ctx.put('guardduty', 'ListDetectors', region, ok({ DetectorIds: hasDetector ? [detectorId] : [] }));
    const feature = (Name: string, Status = 'ENABLED') => ({ Name, Status, UpdatedAt: daysAgo(200) });
    ctx.put('guardduty', 'GetDetector', region, perResource(hasDetector ? { [detectorId]: ok({
      CreatedAt: daysAgo(600), FindingPublishingFrequency: key === 'management' ? 'FIFTEEN_MINUTES' : 'SIX_HOURS', ServiceRole: `arn:aws:iam::${account.id}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`, Status: 'ENABLED', UpdatedAt: daysAgo(200),
      DataSources: { CloudTrail: { Status: 'ENABLED' }, DNSLogs: { Status: 'ENABLED' }, FlowLogs: { Status: 'ENABLED' }, S3Logs: { Status: key === 'dev' ? 'DISABLED' : 'ENABLED' }, Kubernetes: { AuditLogs: { Status: 'DISABLED' } }, MalwareProtection: { ScanEc2InstanceWithFindings: { EbsVolumes: { Status: 'DISABLED' } }, ServiceRole: '' } },
      Tags: {}, Features: [feature('CLOUD_TRAIL'), feature('DNS_LOGS'), feature('FLOW_LOGS'), feature('S3_DATA_EVENTS', key === 'dev' ? 'DISABLED' : 'ENABLED'), feature('EKS_AUDIT_LOGS', 'DISABLED'), feature('EBS_MALWARE_PROTECTION', 'DISABLED'), feature('RDS_LOGIN_EVENTS', key === 'prod' ? 'ENABLED' : 'DISABLED')],
    }) } : {}));

    // Security Hub: management with CIS and FSBP, prod with FSBP in us-east-1 only, dev not enabled.
    if (key === 'dev') {
      const notSubscribed = fail('InvalidAccessException', `Account ${account.id} is not subscribed to AWS Security Hub`);
      ctx.put('securityhub', 'DescribeHub', region, notSubscribed);
      ctx.put('securityhub', 'GetEnabledStandards', region, notSubscribed);
    } else {
      ctx.put('securityhub', 'DescribeHub', region, ok({ HubArn: `arn:aws:securityhub:${region}:${account.id}:hub/default`, SubscribedAt: daysAgo(500), AutoEnableControls: true, ControlFindingGenerator: 'SECURITY_CONTROL' }));
      const standards: Array<[string, string]> = [];
      if (key === 'management') standards.push(['aws-foundational-security-best-practices/v/1.0.0', 'standards'], ['cis-aws-foundations-benchmark/v/5.0.0', 'standards']);
      if (key === 'prod' && region === 'us-east-1') standards.push(['aws-foundational-security-best-practices/v/1.0.0', 'standards']);
      ctx.put('securityhub', 'GetEnabledStandards', region, ok({ StandardsSubscriptions: standards.map(([id]) => ({
        StandardsSubscriptionArn: `arn:aws:securityhub:${region}:${account.id}:subscription/${id}`, StandardsArn: `arn:aws:securityhub:${region}::standards/${id}`, StandardsInput: {}, StandardsStatus: 'READY', StandardsControlsUpdatable: 'READY_FOR_UPDATES',
      })) }));
    }

    const analyzers: object[] = [];
    if (key === 'management') analyzers.push({ arn: `arn:aws:access-analyzer:${region}:${account.id}:analyzer/${region === 'us-east-1' ? 'org-analyzer' : 'account-analyzer'}`, name: region === 'us-east-1' ? 'org-analyzer' : 'account-analyzer', type: region === 'us-east-1' ? 'ORGANIZATION' : 'ACCOUNT', createdAt: daysAgo(400), lastResourceAnalyzed: `arn:aws:s3:::${ctx.org.trailBucket}`, lastResourceAnalyzedAt: iso(DEMO_END), tags: {}, status: 'ACTIVE' });
    if (key === 'prod' && region === 'us-east-1') analyzers.push({ arn: `arn:aws:access-analyzer:${region}:${account.id}:analyzer/unused-access`, name: 'unused-access', type: 'ACCOUNT_UNUSED_ACCESS', createdAt: daysAgo(100), tags: {}, status: 'ACTIVE', configuration: { unusedAccess: { unusedAccessAge: 90 } } });
    ctx.put('accessanalyzer', 'ListAnalyzers', region, ok({ analyzers }));

    const inspectorOn = key !== 'dev';
    const st = (on: boolean) => ({ status: on ? 'ENABLED' : 'DISABLED' });
    ctx.put('inspector2', 'BatchGetAccountStatus', region, ok({ accounts: [{ accountId: account.id, state: st(inspectorOn), resourceState: { ec2: st(inspectorOn), ecr: st(inspectorOn), lambda: st(key === 'prod'), lambdaCode: st(false) } }], failedAccounts: [] }));

    if (key === 'dev') ctx.put('macie2', 'GetMacieSession', region, fail('AccessDeniedException', 'Macie is not enabled.'));
    else ctx.put('macie2', 'GetMacieSession', region, ok({ createdAt: daysAgo(300), findingPublishingFrequency: 'FIFTEEN_MINUTES', serviceRole: `arn:aws:iam::${account.id}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`, status: key === 'prod' && region === 'eu-west-1' ? 'PAUSED' : 'ENABLED', updatedAt: daysAgo(30) }));

    ctx.put('detective', 'ListGraphs', region, ok({ GraphList: key === 'management' && region === 'us-east-1' ? [{ Arn: `arn:aws:detective:${region}:${account.id}:graph:${r.hex(32)}`, CreatedTime: daysAgo(250) }] : [] }));
  }
  ctx.put('shield', 'GetSubscriptionState', GLOBAL_REGION, ok({ SubscriptionState: 'INACTIVE' }));
}
