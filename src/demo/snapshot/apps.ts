import { COLLECTED_AT, DAY_MS, daysAgo, iso, networkOf, REGIONS } from '../org.ts';
import { fail, GLOBAL_REGION, ok, perResource, policyJson, type BuildContext } from './util.ts';

/** lambda, ecr, eks, acm, elastic-load-balancing-v2, wafv2, cloudfront, opensearch: what the applications expose. */

const collected = Date.parse(COLLECTED_AT);

export function buildLambda(ctx: BuildContext): void {
  const { account, rng } = ctx;
  const r = rng.fork('lambda');
  for (const region of REGIONS) {
    const fns: Array<{ name: string; runtime: string; role: string; env?: Record<string, string>; policy?: object }> = [];
    const arn = (name: string) => `arn:aws:lambda:${region}:${account.id}:function:${name}`;
    if (account.key === 'prod' && region === 'us-east-1') {
      fns.push(
        { name: 'orders-processor', runtime: 'nodejs20.x', role: 'orders-processor-role', env: { TABLE_NAME: 'orders', LOG_LEVEL: 'info' } },
        { name: 'orders-api', runtime: 'nodejs20.x', role: 'orders-processor-role', env: { TABLE_NAME: 'orders' }, policy: { Version: '2012-10-17', Id: 'default', Statement: [{ Sid: 'apigw', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: arn('orders-api'), Condition: { ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:${region}:${account.id}:a1b2c3d4e5/*/POST/orders` } } }] } },
      );
    }
    if (account.key === 'prod' && region === 'eu-west-1') fns.push({ name: 'orders-processor-eu', runtime: 'nodejs20.x', role: 'orders-processor-role', env: { TABLE_NAME: 'orders-eu' } });
    if (account.key === 'dev' && region === 'us-east-1') {
      // Deliberate: a deprecated runtime, a plaintext secret in the environment, and a resource policy anyone may invoke.
      fns.push({
        name: 'thumbnailer', runtime: 'python3.8', role: 'thumbnailer-role', env: { BUCKET: 'acme-dev-shared-exports', DB_PASSWORD: 'Winter2026!devdb', AWS_ACCESS_KEY_ID_BACKUP: 'AKIAIOSFODNN7EXAMPLE' },
        policy: { Version: '2012-10-17', Id: 'default', Statement: [{ Sid: 'public-invoke', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: arn('thumbnailer') }] },
      });
    }
    ctx.put('lambda', 'ListFunctions', region, ok({ Functions: fns.map((f) => ({
      FunctionName: f.name, FunctionArn: arn(f.name), Runtime: f.runtime, Role: `arn:aws:iam::${account.id}:role/${f.role}`, Handler: f.runtime.startsWith('python') ? 'app.handler' : 'index.handler',
      CodeSize: 1_843_221, Description: '', Timeout: 30, MemorySize: 512, LastModified: `${daysAgo(20).replace('Z', '')}.000+0000`, CodeSha256: Buffer.from(r.hex(32)).toString('base64').slice(0, 44),
      Version: '$LATEST', ...(f.env ? { Environment: { Variables: f.env } } : {}), TracingConfig: { Mode: 'PassThrough' }, RevisionId: r.uuid(), PackageType: 'Zip', Architectures: ['arm64'],
      EphemeralStorage: { Size: 512 }, SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' }, LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${f.name}` },
    })) }));
    // Deliberate: the thumbnailer also has a function URL anyone can call (AuthType NONE).
    ctx.put('lambda', 'GetFunctionUrlConfig', region, perResource(Object.fromEntries(fns.map((f) => [f.name, f.name === 'thumbnailer'
      ? ok({ FunctionUrl: `https://${r.alnum(32).toLowerCase()}.lambda-url.${region}.on.aws/`, FunctionArn: arn(f.name), AuthType: 'NONE', Cors: { AllowOrigins: ['*'], AllowMethods: ['*'] }, CreationTime: `${daysAgo(90).replace('Z', '')}.000Z`, LastModifiedTime: `${daysAgo(90).replace('Z', '')}.000Z`, InvokeMode: 'BUFFERED' })
      : fail('ResourceNotFoundException', `The resource you requested does not exist. (Service: Lambda, Status Code: 404)`)]))));
    ctx.put('lambda', 'GetPolicy', region, perResource(Object.fromEntries(fns.map((f) => [f.name, f.policy ? ok({ Policy: policyJson(f.policy), RevisionId: r.uuid() }) : fail('ResourceNotFoundException', 'The resource you requested does not exist.')]))));
  }
}

export function buildEcr(ctx: BuildContext): void {
  const { account } = ctx;
  for (const region of REGIONS) {
    const repos: Array<{ name: string; scan: boolean; immutable: boolean; policy?: object; kms: boolean }> = [];
    if (account.key === 'prod' && region === 'us-east-1') repos.push({ name: 'app', scan: true, immutable: true, kms: true });
    if (account.key === 'dev' && region === 'us-east-1') repos.push({ name: 'dev-tools', scan: false, immutable: false, kms: false, policy: { Version: '2012-10-17', Statement: [{ Sid: 'public-pull', Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'] }] } });
    ctx.put('ecr', 'DescribeRepositories', region, ok({ repositories: repos.map((x) => ({
      repositoryArn: `arn:aws:ecr:${region}:${account.id}:repository/${x.name}`, registryId: account.id, repositoryName: x.name, repositoryUri: `${account.id}.dkr.ecr.${region}.amazonaws.com/${x.name}`,
      createdAt: daysAgo(300), imageTagMutability: x.immutable ? 'IMMUTABLE' : 'MUTABLE', imageScanningConfiguration: { scanOnPush: x.scan }, encryptionConfiguration: x.kms ? { encryptionType: 'KMS', kmsKey: `arn:aws:kms:${region}:${account.id}:alias/ecr` } : { encryptionType: 'AES256' },
    })) }));
    ctx.put('ecr', 'GetLifecyclePolicy', region, perResource(Object.fromEntries(repos.map((x) => [x.name, x.immutable
      ? ok({ registryId: account.id, repositoryName: x.name, lifecyclePolicyText: JSON.stringify({ rules: [{ rulePriority: 1, description: 'keep 50 images', selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 50 }, action: { type: 'expire' } }] }), lastEvaluatedAt: daysAgo(1) })
      : fail('LifecyclePolicyNotFoundException', `Lifecycle policy does not exist for the repository with name '${x.name}' in the registry with id '${account.id}'`)]))));
    ctx.put('ecr', 'GetRepositoryPolicy', region, perResource(Object.fromEntries(repos.map((x) => [x.name, x.policy ? ok({ registryId: account.id, repositoryName: x.name, policyText: JSON.stringify(x.policy, null, 2) }) : fail('RepositoryPolicyNotFoundException', `Repository policy does not exist for the repository with name '${x.name}' in the registry with id '${account.id}'`)]))));
  }
}

export function buildEks(ctx: BuildContext): void {
  const { account, org, rng } = ctx;
  const r = rng.fork('eks');
  for (const region of REGIONS) {
    const clusters: Array<{ name: string; version: string; publicEndpoint: boolean; logging: boolean; secrets: boolean }> = [];
    if (account.key === 'prod' && region === 'us-east-1') clusters.push({ name: 'prod-cluster', version: '1.31', publicEndpoint: false, logging: true, secrets: true });
    if (account.key === 'dev' && region === 'us-east-1') clusters.push({ name: 'dev-cluster', version: '1.27', publicEndpoint: true, logging: false, secrets: false });
    const n = networkOf(org, account.id, region)!;
    ctx.put('eks', 'ListClusters', region, ok({ clusters: clusters.map((c) => c.name) }));
    ctx.put('eks', 'DescribeCluster', region, perResource(Object.fromEntries(clusters.map((c) => [c.name, ok({ cluster: {
      name: c.name, arn: `arn:aws:eks:${region}:${account.id}:cluster/${c.name}`, createdAt: daysAgo(250), version: c.version, endpoint: `https://${r.hex(32).toUpperCase()}.gr7.${region}.eks.amazonaws.com`,
      roleArn: `arn:aws:iam::${account.id}:role/eks-cluster`, resourcesVpcConfig: { subnetIds: n.subnets.filter((s) => !s.public).map((s) => s.id), securityGroupIds: [], clusterSecurityGroupId: `sg-${r.hex(17)}`, vpcId: n.vpcId, endpointPublicAccess: c.publicEndpoint, endpointPrivateAccess: !c.publicEndpoint, publicAccessCidrs: c.publicEndpoint ? ['0.0.0.0/0'] : [] },
      kubernetesNetworkConfig: { serviceIpv4Cidr: '172.20.0.0/16', ipFamily: 'ipv4' }, logging: { clusterLogging: [{ types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'], enabled: c.logging }] },
      identity: { oidc: { issuer: `https://oidc.eks.${region}.amazonaws.com/id/${r.hex(32).toUpperCase()}` } }, status: 'ACTIVE', certificateAuthority: { data: 'LS0tLS1CRUdJTi...' }, platformVersion: 'eks.10', tags: {},
      ...(c.secrets ? { encryptionConfig: [{ resources: ['secrets'], provider: { keyArn: `arn:aws:kms:${region}:${account.id}:key/${r.uuid()}` } }] } : {}), accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
    } })]))));
  }
}

function acmCertificates(ctx: BuildContext, region: string): Array<{ domain: string; type: 'AMAZON_ISSUED' | 'IMPORTED'; notAfterDays: number; key: string; inUseBy: string[] }> {
  const { account } = ctx;
  if (region !== 'us-east-1') return [];
  if (account.key === 'prod') {
    return [
      { domain: 'app.acme-demo.example', type: 'AMAZON_ISSUED', notAfterDays: 300, key: 'RSA_2048', inUseBy: [`arn:aws:elasticloadbalancing:${region}:${account.id}:loadbalancer/app/prod-web-alb/${'5f1c2d3e4a5b6c7d'}`] },
      // Deliberate: an imported certificate that expires in 10 days (ACM does not renew imported ones).
      { domain: 'legacy.acme-demo.example', type: 'IMPORTED', notAfterDays: 10, key: 'RSA_2048', inUseBy: [] },
    ];
  }
  if (account.key === 'dev') return [{ domain: 'dev.acme-demo.example', type: 'IMPORTED', notAfterDays: 25, key: 'RSA_1024', inUseBy: [] }];
  return [];
}

export function buildAcm(ctx: BuildContext): void {
  const { account, rng } = ctx;
  const r = rng.fork('acm');
  for (const region of REGIONS) {
    const certs = acmCertificates(ctx, region).map((c) => ({ ...c, arn: `arn:aws:acm:${region}:${account.id}:certificate/${r.uuid()}`, notAfter: iso(collected + c.notAfterDays * DAY_MS), notBefore: iso(collected - (395 - c.notAfterDays) * DAY_MS) }));
    ctx.put('acm', 'ListCertificates', region, ok({ CertificateSummaryList: certs.map((c) => ({
      CertificateArn: c.arn, DomainName: c.domain, SubjectAlternativeNameSummaries: [c.domain], HasAdditionalSubjectAlternativeNames: false, Status: 'ISSUED', Type: c.type, KeyAlgorithm: c.key.replace('_', '-'),
      KeyUsages: ['DIGITAL_SIGNATURE', 'KEY_ENCIPHERMENT'], ExtendedKeyUsages: ['TLS_WEB_SERVER_AUTHENTICATION'], InUse: c.inUseBy.length > 0, RenewalEligibility: c.type === 'AMAZON_ISSUED' ? 'ELIGIBLE' : 'INELIGIBLE',
      NotBefore: c.notBefore, NotAfter: c.notAfter, CreatedAt: c.notBefore, ...(c.type === 'IMPORTED' ? { ImportedAt: c.notBefore } : { IssuedAt: c.notBefore }),
    })) }));
    ctx.put('acm', 'DescribeCertificate', region, perResource(Object.fromEntries(certs.map((c) => [c.arn, ok({ Certificate: {
      CertificateArn: c.arn, DomainName: c.domain, SubjectAlternativeNames: [c.domain], Serial: r.hex(32).match(/../g)!.join(':'), Subject: `CN=${c.domain}`, Issuer: c.type === 'AMAZON_ISSUED' ? 'Amazon' : 'Acme Internal CA',
      CreatedAt: c.notBefore, ...(c.type === 'IMPORTED' ? { ImportedAt: c.notBefore } : { IssuedAt: c.notBefore }), Status: 'ISSUED', NotBefore: c.notBefore, NotAfter: c.notAfter, KeyAlgorithm: c.key.replace('_', '-'), SignatureAlgorithm: 'SHA256WITHRSA',
      InUseBy: c.inUseBy, Type: c.type, RenewalEligibility: c.type === 'AMAZON_ISSUED' ? 'ELIGIBLE' : 'INELIGIBLE', KeyUsages: [{ Name: 'DIGITAL_SIGNATURE' }, { Name: 'KEY_ENCIPHERMENT' }], ExtendedKeyUsages: [{ Name: 'TLS_WEB_SERVER_AUTHENTICATION', OID: '1.3.6.1.5.5.7.3.1' }],
      Options: { CertificateTransparencyLoggingPreference: 'ENABLED' }, ...(c.type === 'AMAZON_ISSUED' ? { DomainValidationOptions: [{ DomainName: c.domain, ValidationDomain: c.domain, ValidationStatus: 'SUCCESS', ValidationMethod: 'DNS' }] } : {}),
    } })]))));
  }
}

export function buildLoadBalancersAndWaf(ctx: BuildContext): void {
  const { account, org, rng } = ctx;
  const r = rng.fork('elb');
  for (const region of REGIONS) {
    const n = networkOf(org, account.id, region)!;
    const lbs: Array<{ name: string; id: string; https: boolean; hardened: boolean }> = [];
    if (account.key === 'prod' && region === 'us-east-1') lbs.push({ name: 'prod-web-alb', id: '5f1c2d3e4a5b6c7d', https: true, hardened: true });
    if (account.key === 'dev' && region === 'us-east-1') lbs.push({ name: 'dev-web-alb', id: r.hex(16), https: false, hardened: false });
    const lbArn = (lb: { name: string; id: string }) => `arn:aws:elasticloadbalancing:${region}:${account.id}:loadbalancer/app/${lb.name}/${lb.id}`;
    const tg = (lb: { name: string }) => `arn:aws:elasticloadbalancing:${region}:${account.id}:targetgroup/${lb.name}-tg/${r.hex(16)}`;
    ctx.put('elastic-load-balancing-v2', 'DescribeLoadBalancers', region, ok({ LoadBalancers: lbs.map((lb) => ({
      LoadBalancerArn: lbArn(lb), DNSName: `${lb.name}-${r.int(100000000, 999999999)}.${region}.elb.amazonaws.com`, CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K', CreatedTime: daysAgo(300), LoadBalancerName: lb.name,
      Scheme: 'internet-facing', VpcId: n.vpcId, State: { Code: 'active' }, Type: 'application', AvailabilityZones: n.subnets.filter((s) => s.public).map((s) => ({ ZoneName: s.az, SubnetId: s.id, LoadBalancerAddresses: [] })),
      SecurityGroups: [n.sgs.alb ?? n.sgs.web!], IpAddressType: 'ipv4',
    })) }));
    ctx.put('elastic-load-balancing-v2', 'DescribeListeners', region, perResource(Object.fromEntries(lbs.map((lb) => {
      const listeners: object[] = [];
      const base = r.hex(16);
      if (lb.https) {
        listeners.push(
          { ListenerArn: `${lbArn(lb).replace(':loadbalancer/', ':listener/')}/${base}`, LoadBalancerArn: lbArn(lb), Port: 443, Protocol: 'HTTPS', Certificates: [{ CertificateArn: `arn:aws:acm:${region}:${account.id}:certificate/app` }], SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', DefaultActions: [{ Type: 'forward', TargetGroupArn: tg(lb), Order: 1 }] },
          { ListenerArn: `${lbArn(lb).replace(':loadbalancer/', ':listener/')}/${r.hex(16)}`, LoadBalancerArn: lbArn(lb), Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', Order: 1, RedirectConfig: { Protocol: 'HTTPS', Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_301' } }] },
        );
      } else {
        listeners.push({ ListenerArn: `${lbArn(lb).replace(':loadbalancer/', ':listener/')}/${base}`, LoadBalancerArn: lbArn(lb), Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: tg(lb), Order: 1 }] });
      }
      return [lbArn(lb), ok({ Listeners: listeners })];
    }))));
    ctx.put('elastic-load-balancing-v2', 'DescribeLoadBalancerAttributes', region, perResource(Object.fromEntries(lbs.map((lb) => [lbArn(lb), ok({ Attributes: [
      { Key: 'access_logs.s3.enabled', Value: String(lb.hardened) }, { Key: 'access_logs.s3.bucket', Value: lb.hardened ? 'acme-mgmt-access-logs' : '' }, { Key: 'access_logs.s3.prefix', Value: '' },
      { Key: 'deletion_protection.enabled', Value: String(lb.hardened) }, { Key: 'idle_timeout.timeout_seconds', Value: '60' }, { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: String(lb.hardened) },
      { Key: 'routing.http.desync_mitigation_mode', Value: lb.hardened ? 'strictest' : 'defensive' }, { Key: 'routing.http2.enabled', Value: 'true' }, { Key: 'waf.fail_open.enabled', Value: 'false' },
    ] })]))));

    // WAF: REGIONAL web ACLs in each region; CLOUDFRONT-scope ones (ARN path `global/webacl`) are recorded with us-east-1.
    const acls: Array<{ name: string; scope: 'regional' | 'global'; resources: string[] }> = [];
    if (account.key === 'prod' && region === 'us-east-1') {
      acls.push({ name: 'prod-web-acl', scope: 'regional', resources: [lbArn(lbs[0]!)] }, { name: 'prod-cf-acl', scope: 'global', resources: [] });
    }
    const aclArn = (a: { name: string; scope: string }, id: string) => `arn:aws:wafv2:${region}:${account.id}:${a.scope}/webacl/${a.name}/${id}`;
    const withIds = acls.map((a) => ({ ...a, id: r.uuid() }));
    ctx.put('wafv2', 'ListWebACLs', region, ok({ WebACLs: withIds.map((a) => ({ Name: a.name, Id: a.id, Description: '', LockToken: r.uuid(), ARN: aclArn(a, a.id) })) }));
    ctx.put('wafv2', 'ListResourcesForWebACL', region, perResource(Object.fromEntries(withIds.map((a) => [aclArn(a, a.id), ok({ ResourceArns: a.resources })]))));
    if (account.key === 'prod' && region === 'us-east-1') ctx.org.cfWebAclArn = aclArn(withIds[1]!, withIds[1]!.id);
  }
}

/** DistributionSummary fields that DistributionConfig does not have. */
const SUMMARY_ONLY = new Set(['Id', 'ARN', 'ETag', 'Status', 'LastModifiedTime', 'DomainName', 'Staging', 'AliasICPRecordals']);

export function buildCloudFront(ctx: BuildContext): void {
  const { account, org } = ctx;
  const dists: Array<{ id: string; alias: string; origin: string; waf: string; https: boolean }> = [];
  if (account.key === 'prod') dists.push({ id: 'E2DEMOSTATIC01', alias: 'www.acme-demo.example', origin: 'acme-prod-static-site.s3.us-east-1.amazonaws.com', waf: org.cfWebAclArn ?? '', https: true });
  // Deliberate: no WAF, HTTP allowed, old TLS.
  if (account.key === 'dev') dists.push({ id: 'E3DEMODEVSITE1', alias: 'dev.acme-demo.example', origin: 'dev-web-alb.us-east-1.elb.amazonaws.com', waf: '', https: false });
  const summaries = dists.map((d) => ({
    Id: d.id, ARN: `arn:aws:cloudfront::${account.id}:distribution/${d.id}`, Status: 'Deployed', LastModifiedTime: daysAgo(40), DomainName: `d${d.id.toLowerCase().slice(1, 13)}.cloudfront.net`,
    Aliases: { Quantity: 1, Items: [d.alias] }, Origins: { Quantity: 1, Items: [{ Id: 'origin-1', DomainName: d.origin, OriginPath: '', CustomHeaders: { Quantity: 0 }, ...(d.https ? { S3OriginConfig: { OriginAccessIdentity: '' }, OriginAccessControlId: 'E1OACDEMO' } : { CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'http-only', OriginSslProtocols: { Quantity: 1, Items: ['TLSv1'] }, OriginReadTimeout: 30, OriginKeepaliveTimeout: 5 } }), ConnectionAttempts: 3, ConnectionTimeout: 10 }] },
    OriginGroups: { Quantity: 0 }, DefaultCacheBehavior: { TargetOriginId: 'origin-1', ViewerProtocolPolicy: d.https ? 'redirect-to-https' : 'allow-all', TrustedSigners: { Enabled: false, Quantity: 0 }, TrustedKeyGroups: { Enabled: false, Quantity: 0 }, AllowedMethods: { Quantity: 2, Items: ['HEAD', 'GET'], CachedMethods: { Quantity: 2, Items: ['HEAD', 'GET'] } }, SmoothStreaming: false, Compress: true, CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6' },
    CacheBehaviors: { Quantity: 0 }, CustomErrorResponses: { Quantity: 0 }, Comment: '', PriceClass: 'PriceClass_100', Enabled: true,
    ViewerCertificate: d.https ? { CloudFrontDefaultCertificate: false, ACMCertificateArn: `arn:aws:acm:us-east-1:${account.id}:certificate/cf`, SSLSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021', Certificate: `arn:aws:acm:us-east-1:${account.id}:certificate/cf`, CertificateSource: 'acm' } : { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1', CertificateSource: 'cloudfront' },
    Restrictions: { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } }, WebACLId: d.waf, HttpVersion: 'http2', IsIPV6Enabled: true, Staging: false,
  }));
  ctx.put('cloudfront', 'ListDistributions', GLOBAL_REGION, ok({ DistributionList: { Quantity: dists.length, MaxItems: 100, IsTruncated: false, Items: summaries } }));
  // The full configuration (logging, default root object) comes from GetDistributionConfig.
  ctx.put('cloudfront', 'GetDistributionConfig', GLOBAL_REGION, perResource(Object.fromEntries(summaries.map((d, i) => {
    const config = Object.fromEntries(Object.entries(d).filter(([key]) => !SUMMARY_ONLY.has(key)));
    const Id = d.Id;
    const good = dists[i]!.https;
    return [Id, ok({ ETag: `E${Id.slice(1, 14)}`, DistributionConfig: {
      CallerReference: `demo-${Id}`, ...config, DefaultRootObject: good ? 'index.html' : '',
      Logging: good ? { Enabled: true, IncludeCookies: false, Bucket: 'acme-mgmt-access-logs.s3.amazonaws.com', Prefix: 'cloudfront/' } : { Enabled: false, IncludeCookies: false, Bucket: '', Prefix: '' },
    } })];
  }))));
}

/** API Gateway REST APIs and their stages (the collector records them beyond DESIGN's minimum). */
export function buildApiGateway(ctx: BuildContext): void {
  const { account, rng } = ctx;
  const r = rng.fork('apigw');
  for (const region of REGIONS) {
    const apis: Array<{ id: string; name: string; hardened: boolean }> = [];
    if (account.key === 'prod' && region === 'us-east-1') apis.push({ id: 'a1b2c3d4e5', name: 'orders', hardened: true });
    if (account.key === 'dev' && region === 'us-east-1') apis.push({ id: r.alnum(10).toLowerCase(), name: 'dev-api', hardened: false });
    ctx.put('api-gateway', 'GetRestApis', region, ok({ items: apis.map((a) => ({ id: a.id, name: a.name, createdDate: daysAgo(200), apiKeySource: 'HEADER', endpointConfiguration: { types: ['REGIONAL'] }, disableExecuteApiEndpoint: false, rootResourceId: r.alnum(10).toLowerCase() })) }));
    ctx.put('api-gateway', 'GetStages', region, perResource(Object.fromEntries(apis.map((a) => [a.id, ok({ item: [{
      deploymentId: r.alnum(6).toLowerCase(), stageName: a.hardened ? 'prod' : 'dev', cacheClusterEnabled: false, cacheClusterStatus: 'NOT_AVAILABLE', tracingEnabled: a.hardened,
      methodSettings: a.hardened ? { '*/*': { metricsEnabled: true, loggingLevel: 'INFO', dataTraceEnabled: false, throttlingBurstLimit: 5000, throttlingRateLimit: 10000, cachingEnabled: false, cacheTtlInSeconds: 300, cacheDataEncrypted: false, requireAuthorizationForCacheControl: true, unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER' } } : {},
      ...(a.hardened ? { accessLogSettings: { destinationArn: `arn:aws:logs:${region}:${account.id}:log-group:/aws/apigateway/orders`, format: '$context.requestId' }, webAclArn: `arn:aws:wafv2:${region}:${account.id}:regional/webacl/prod-web-acl/demo`, clientCertificateId: r.alnum(6).toLowerCase() } : {}),
      createdDate: daysAgo(200), lastUpdatedDate: daysAgo(10),
    }] })]))));
  }
}

export function buildOpenSearch(ctx: BuildContext): void {
  const { account, org, rng } = ctx;
  const r = rng.fork('os');
  for (const region of REGIONS) {
    const domains: Array<{ name: string; secure: boolean }> = [];
    if (account.key === 'prod' && region === 'us-east-1') domains.push({ name: 'prod-search', secure: true });
    if (account.key === 'dev' && region === 'us-east-1') domains.push({ name: 'dev-logs', secure: false });
    const n = networkOf(org, account.id, region)!;
    ctx.put('opensearch', 'ListDomainNames', region, ok({ DomainNames: domains.map((d) => ({ DomainName: d.name, EngineType: 'OpenSearch' })) }));
    ctx.put('opensearch', 'DescribeDomain', region, perResource(Object.fromEntries(domains.map((d) => {
      const arn = `arn:aws:es:${region}:${account.id}:domain/${d.name}`;
      const policy = d.secure
        ? { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account.id}:role/app-server` }, Action: 'es:ESHttp*', Resource: `${arn}/*` }] }
        : { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:*', Resource: `${arn}/*` }] };
      return [d.name, ok({ DomainStatus: {
        DomainId: `${account.id}/${d.name}`, DomainName: d.name, ARN: arn, Created: true, Deleted: false, Processing: false, UpgradeProcessing: false, EngineVersion: d.secure ? 'OpenSearch_2.15' : 'OpenSearch_1.3',
        ...(d.secure ? { Endpoints: { vpc: `vpc-${d.name}-${r.alnum(26).toLowerCase()}.${region}.es.amazonaws.com` }, VPCOptions: { VPCId: n.vpcId, SubnetIds: [n.subnets[2]!.id], AvailabilityZones: [n.subnets[2]!.az], SecurityGroupIds: [n.sgs.app ?? n.defaultSgId] } } : { Endpoint: `search-${d.name}-${r.alnum(26).toLowerCase()}.${region}.es.amazonaws.com` }),
        ClusterConfig: { InstanceType: 'r6g.large.search', InstanceCount: d.secure ? 3 : 1, DedicatedMasterEnabled: d.secure, ZoneAwarenessEnabled: d.secure, WarmEnabled: false },
        EBSOptions: { EBSEnabled: true, VolumeType: 'gp3', VolumeSize: 100 }, AccessPolicies: policyJson(policy), SnapshotOptions: {}, CognitoOptions: { Enabled: false },
        EncryptionAtRestOptions: d.secure ? { Enabled: true, KmsKeyId: `arn:aws:kms:${region}:${account.id}:key/${r.uuid()}` } : { Enabled: false }, NodeToNodeEncryptionOptions: { Enabled: d.secure },
        AdvancedOptions: { 'rest.action.multi.allow_explicit_index': 'true' }, LogPublishingOptions: d.secure ? { AUDIT_LOGS: { CloudWatchLogsLogGroupArn: `arn:aws:logs:${region}:${account.id}:log-group:/aws/opensearch/${d.name}`, Enabled: true } } : {},
        DomainEndpointOptions: { EnforceHTTPS: d.secure, TLSSecurityPolicy: d.secure ? 'Policy-Min-TLS-1-2-PFS-2023-10' : 'Policy-Min-TLS-1-0-2019-07', CustomEndpointEnabled: false },
        AdvancedSecurityOptions: { Enabled: d.secure, InternalUserDatabaseEnabled: false, AnonymousAuthEnabled: false },
      } })];
    }))));
  }
}
