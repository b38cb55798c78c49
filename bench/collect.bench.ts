/**
 * Collection of a simulated 2,000-resource account (issue 2, performance).
 *
 * Every SDK call goes through a middleware inside the SDK's retry loop that stands in for AWS:
 * it answers after 50 ms and throttles (ThrottlingException) any service that has already
 * accepted 20 calls in the last second. The floor is the time the busiest service needs at
 * exactly its allowed rate: its calls × 50 ms ÷ allowed concurrency (20 calls/s × 50 ms = 1).
 * Reported: wall time as a ratio to that floor (goal ≤ 1.3×), and whether every call
 * eventually got its answer (no call lost to throttling).
 *
 *   npm run bench collect
 *   VIGIL_BENCH_PER_SERVICE=N, VIGIL_BENCH_RETRY=adaptive|standard to try other settings
 */
import { collect } from '../src/inventory/collect/collector.ts';
import { REGISTRY } from '../src/inventory/collect/registry.ts';
import { SERVICES } from '../src/aws/services.ts';
import { setPath } from '../src/inventory/collect/paths.ts';
import type { OperationSpec } from '../src/inventory/collect/types.ts';
import type { AccountData, Entry } from '../src/inventory/snapshot.ts';

const LATENCY_MS = 50;
const RATE_PER_SECOND = 20;
const ACCOUNT = '111122223333';
const REGION = 'us-east-1';

/** How many resources each list call returns: about 2,000 in all. */
const INVENTORY: Record<string, number> = {
  's3.ListBuckets': 20,
  'iam.GetAccountAuthorizationDetails': 40, // users (roles and groups below)
  'iam.ListAccessKeys': 1,
  'ec2.DescribeInstances': 300,
  'ec2.DescribeSecurityGroups': 150,
  'ec2.DescribeVolumes': 300,
  'ec2.DescribeSnapshots': 60,
  'ec2.DescribeImages': 20,
  'ec2.DescribeVpcs': 5,
  'ec2.DescribeSubnets': 30,
  'ec2.DescribeRouteTables': 10,
  'ec2.DescribeNetworkAcls': 10,
  'ec2.DescribeInternetGateways': 5,
  'ec2.DescribeFlowLogs': 5,
  'kms.ListKeys': 50,
  'kms.ListAliases': 50,
  'lambda.ListFunctions': 100,
  'dynamodb.ListTables': 40,
  'sns.ListTopics': 30,
  'sqs.ListQueues': 30,
  'cloudwatch-logs.DescribeLogGroups': 200,
  'cloudwatch.DescribeAlarms': 100,
  'ssm.DescribeParameters': 100,
  'secrets-manager.ListSecrets': 30,
  'rds.DescribeDBInstances': 20,
  'rds.DescribeDBSnapshots': 30,
  'acm.ListCertificates': 20,
  'elastic-load-balancing-v2.DescribeLoadBalancers': 15,
  'ecr.DescribeRepositories': 20,
  'eks.ListClusters': 5,
  'cloudtrail.DescribeTrails': 2,
  'guardduty.ListDetectors': 1,
  'opensearch.ListDomainNames': 3,
  'efs.DescribeFileSystems': 10,
  'wafv2.ListWebACLs': 5,
  'api-gateway.GetRestApis': 10,
};
const IAM_ROLES = 60;
const IAM_GROUPS = 10;
const IAM_POLICIES = 50;
const PAGE_SIZE = 50;

function resourceCount(): number {
  return Object.values(INVENTORY).reduce((a, b) => a + b, 0) + IAM_ROLES + IAM_GROUPS + IAM_POLICIES - INVENTORY['iam.ListAccessKeys']! + INVENTORY['iam.GetAccountAuthorizationDetails']!;
}

/** The fields children read from each item of `op`'s list (`Buckets[].Name` → Name). */
function itemFields(op: OperationSpec): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const child of REGISTRY) {
    const per = child.perResource;
    if (child.service !== op.service || !per || !('parent' in per) || per.parent !== op.operation) continue;
    for (const path of per.keys) {
      const [list, field] = path.split('[]') as [string, string];
      lists.set(list, [...new Set([...(lists.get(list) ?? []), field.replace(/^\./, '')])]);
    }
  }
  return lists;
}

function listOutput(op: OperationSpec, input: Record<string, unknown>): Record<string, unknown> {
  const name = `${op.service}.${op.operation}`;
  const fields = itemFields(op);
  const lists = new Map<string, number>();
  for (const key of op.paginate?.listKeys ?? []) lists.set(key, INVENTORY[name] ?? 0);
  for (const key of fields.keys()) lists.set(key, INVENTORY[name] ?? 0);
  if (name === 'iam.GetAccountAuthorizationDetails') {
    lists.set('RoleDetailList', IAM_ROLES);
    lists.set('GroupDetailList', IAM_GROUPS);
    lists.set('Policies', IAM_POLICIES);
  }
  const page = op.paginate ? Number(input[op.paginate.inputToken] ?? 0) : 0;
  const out: Record<string, unknown> = {};
  let more = false;
  for (const [list, total] of lists) {
    const from = page * PAGE_SIZE;
    const count = op.paginate ? Math.max(0, Math.min(PAGE_SIZE, total - from)) : total;
    if (op.paginate && from + count < total) more = true;
    const keyFields = fields.get(list) ?? [];
    const items = Array.from({ length: count }, (_, i) => {
      const id = `${op.operation}-${list}-${from + i}`;
      if (keyFields.length === 1 && keyFields[0] === '') return list === 'QueueUrls' ? `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${id}` : id;
      const item: Record<string, unknown> = { Id: id };
      for (const field of keyFields) setPath(item, field, field.endsWith('ARN') || field.endsWith('Arn') ? `arn:aws:${op.service}:${REGION}:${ACCOUNT}:regional/webacl/${id}` : id);
      return item;
    });
    setPath(out, list, items);
  }
  if (op.paginate && more) setPath(out, op.paginate.outputToken, String(page + 1));
  if (op.paginate?.moreKey) out[op.paginate.moreKey] = more;
  return out;
}

/** Stands in for AWS: 50 ms per call, ThrottlingException above 20 accepted calls/s per service. */
class SimulatedAws {
  private readonly windows = new Map<string, number[]>();
  accepted = 0;
  throttled = 0;
  readonly perService = new Map<string, number>();

  async handle(service: string, operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const now = Date.now();
    const window = (this.windows.get(service) ?? []).filter((t) => now - t < 1000);
    this.windows.set(service, window);
    const admitted = window.length < RATE_PER_SECOND;
    if (admitted) window.push(now);
    await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
    if (!admitted) {
      this.throttled++;
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
    }
    this.accepted++;
    this.perService.set(service, (this.perService.get(service) ?? 0) + 1);
    return this.answer(service, operation, input);
  }

  private answer(service: string, operation: string, input: Record<string, unknown>): Record<string, unknown> {
    if (service === 'sts') return { Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/bench` };
    if (operation === 'DescribeRegions') return { Regions: [{ RegionName: REGION, OptInStatus: 'opt-in-not-required' }] };
    if (operation === 'GenerateCredentialReport') return { State: 'COMPLETE' };
    if (operation === 'GenerateServiceLastAccessedDetails') return { JobId: `job-${String(input.Arn)}` };
    if (operation === 'GetServiceLastAccessedDetails') return { JobStatus: 'COMPLETED', ServicesLastAccessed: [] };
    const op = REGISTRY.find((o) => o.service === service && o.operation === operation);
    if (op && !op.perResource) return listOutput(op, input);
    if (op?.operation === 'ListAccessKeys') return { AccessKeyMetadata: [{ AccessKeyId: `AKIA${String(input.UserName)}`, Status: 'Active' }], IsTruncated: false };
    return { Echo: input };
  }
}

function countEntries(data: AccountData): { calls: number; errors: Record<string, number> } {
  let calls = 0;
  const errors: Record<string, number> = {};
  const visit = (entry: Entry) => {
    if ('resources' in entry) for (const sub of Object.values(entry.resources)) visit(sub);
    else {
      calls++;
      if ('error' in entry) errors[entry.error.code] = (errors[entry.error.code] ?? 0) + 1;
    }
  };
  for (const ops of Object.values(data)) for (const regions of Object.values(ops)) for (const entry of Object.values(regions)) visit(entry);
  return { calls, errors };
}

export default async function bench(): Promise<void> {
  // Loading the SDK packages is a fixed start-up cost (seconds), the same for any account size;
  // it is measured apart so the ratio speaks of collection itself.
  const loadStarted = Date.now();
  for (const service of new Set(REGISTRY.map((op) => op.service))) await SERVICES[service].load();
  console.log(`SDK packages loaded in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s (not counted below)`);

  const aws = new SimulatedAws();
  const perService = process.env.VIGIL_BENCH_PER_SERVICE ? Number(process.env.VIGIL_BENCH_PER_SERVICE) : undefined;
  const started = Date.now();
  const result = await collect({
    credentials: async () => ({ accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' }),
    regions: [REGION],
    ...(perService ? { concurrency: { perService } } : {}),
    ...(process.env.VIGIL_BENCH_RETRY ? { retryMode: process.env.VIGIL_BENCH_RETRY as 'adaptive' | 'standard' } : {}),
    onClient: (client, service) =>
      client.middlewareStack.add(
        (_next: unknown, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => ({
          output: { ...(await aws.handle(service, String(context.commandName).replace(/Command$/, ''), args.input)), $metadata: {} },
          response: { statusCode: 200, headers: {} },
        }),
        { step: 'deserialize', priority: 'high', name: 'simulatedAws' },
      ),
  });
  const wallMs = Date.now() - started;

  const busiest = [...aws.perService.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const floorMs = (busiest[1] * LATENCY_MS) / (RATE_PER_SECOND * (LATENCY_MS / 1000));
  const recorded = countEntries(result.data[ACCOUNT]!);
  // Every call the collector sent (identity and region discovery included) must have been answered.
  const sent = result.summary.calls;
  const unanswered = sent - aws.accepted;
  const recordedErrors = Object.values(recorded.errors).reduce((a, b) => a + b, 0);
  console.log(`resources simulated: ${resourceCount()}; calls sent ${sent}, answered ${aws.accepted}, throttled on the way ${aws.throttled} (retried)`);
  console.log(`busiest service: ${busiest[0]} with ${busiest[1]} calls → floor ${(floorMs / 1000).toFixed(1)} s (calls × ${LATENCY_MS} ms ÷ allowed concurrency 1)`);
  console.log(`wall time: ${(wallMs / 1000).toFixed(1)} s = ${(wallMs / floorMs).toFixed(2)}× floor (goal ≤ 1.30×)`);
  console.log(`calls lost: ${unanswered + recordedErrors} (unanswered ${unanswered}; snapshot entries ${recorded.calls}, errors recorded ${JSON.stringify(recorded.errors)})`);
}
