/**
 * Detection state per entity: how many heap bytes the engine (every built-in rule and
 * detector) holds for each instance session, principal or address it has seen, for the shapes
 * that make state grow. Baseline, measured in the same run: the same events kept as parsed
 * records (what a detector that remembered events instead of summaries would hold).
 * Size: VIGIL_BENCH_STATE_ENTITIES (default 20,000 per shape), 20 calls each.
 */
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { builtinDetectors } from '../src/detect/detectors/index.ts';
import { Engine } from '../src/detect/engine.ts';
import { loadRules } from '../src/detect/index.ts';
import { Intel } from '../src/detect/intel/index.ts';
import type { CloudTrailEvent, LogEvent } from '../src/logs/types.ts';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ACCOUNT = '111122223333';
const CALLS = 20;
const T0 = Date.UTC(2026, 10, 1);

/** The n-th entity's calls, for one shape. */
type Shape = (n: number, call: number) => Partial<CloudTrailEvent>;

const instanceRole = (n: number) => {
  const instance = `i-${n.toString(16).padStart(17, '0')}`;
  return {
    type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/web/${instance}`, principalId: `AROAEXAMPLE:${instance}`, accountId: ACCOUNT,
    sessionContext: { ec2RoleDelivery: '2.0', sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/web`, accountId: ACCOUNT, userName: 'web' } },
  };
};
const user = (n: number) => ({ type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/u${n}`, principalId: `AIDAEXAMPLE${n}`, accountId: ACCOUNT, userName: `u${n}` });
const address = (base: string, n: number) => `${base}.${(n >> 8) & 255}.${n & 255}`;

const SHAPES: Record<string, Shape> = {
  // Each instance calls from its own AWS address (52.94.0.0/16 is Amazon's).
  'instance sessions': (n) => ({ userIdentity: instanceRole(n), eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', sourceIPAddress: address('52.94', n) }),
  'IAM users, one address each': (n) => ({ userIdentity: user(n), eventSource: 'iam.amazonaws.com', eventName: 'ListUsers', sourceIPAddress: address('8.8', n) }),
  'one user, a new address per call': (n, call) => ({ userIdentity: user(0), eventSource: 's3.amazonaws.com', eventName: 'GetObject', sourceIPAddress: address(`8.${8 + (call % 8)}`, n), requestParameters: { bucketName: 'data', key: `k${n}` } }),
};

function events(shape: Shape, entities: number): LogEvent[] {
  const out: LogEvent[] = [];
  for (let n = 0; n < entities; n++) {
    for (let call = 0; call < CALLS; call++) {
      const i = out.length;
      const record = {
        eventVersion: '1.09', eventTime: new Date(T0 + i * 1000).toISOString(), awsRegion: 'us-east-1', userAgent: 'aws-cli/2.15.0',
        eventID: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, eventType: 'AwsApiCall', recipientAccountId: ACCOUNT, readOnly: true,
        ...shape(n, call),
      } as CloudTrailEvent;
      out.push({ kind: 'cloudtrail', record, ref: { file: 'bench', index: i } });
    }
  }
  return out;
}

function heapUsed(): number {
  gc();
  return v8.getHeapStatistics().used_heap_size;
}

/** Heap bytes `make`'s result holds (measured while it is alive; let go afterwards). */
function retainedBytes(make: () => unknown): number {
  const before = heapUsed();
  const value = make();
  const bytes = heapUsed() - before;
  return value === undefined ? 0 : bytes;
}

export default async function detectStateBench(): Promise<void> {
  const entities = Number(process.env.VIGIL_BENCH_STATE_ENTITIES ?? 20_000);
  const rules = loadRules([], true).rules;
  for (const [name, shape] of Object.entries(SHAPES)) {
    // The events are made outside both measurements; JSON text → parsed records is the baseline.
    const texts = events(shape, entities).map((e) => JSON.stringify((e as { record: unknown }).record));
    const kept = retainedBytes(() => texts.map((t) => JSON.parse(t) as unknown));
    const feed = texts.map((t, index): LogEvent => ({ kind: 'cloudtrail', record: JSON.parse(t) as CloudTrailEvent, ref: { file: 'bench', index } }));
    // Load the tables (ASN, intel, rule caches) before measuring.
    const engine = new Engine({ rules, detectors: builtinDetectors(), intel: new Intel(), settings: { learningDays: 7, thresholds: {}, trustedAccounts: [] } });
    engine.observe(feed[0]!);
    const state = retainedBytes(() => {
      for (const event of feed) engine.observe(event);
      return engine;
    });
    console.log(
      `${name}: ${entities} × ${CALLS} calls  state ${(state / 2 ** 20).toFixed(1)} MB, ${(state / entities).toFixed(0)} bytes per entity  ` +
        `events kept as records ${(kept / 2 ** 20).toFixed(1)} MB  ratio ${(state / kept).toFixed(3)}`,
    );
  }
}
