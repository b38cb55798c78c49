/**
 * Access bench: ValidatePolicy over a corpus the size of AWS's managed policies (the catalog
 * package ships none, so a seeded generator writes ~1,400 policies of the same shape from the
 * real action catalog), and external-access decisions over 5,000 generated resource policies.
 * Baselines measured in the same run: JSON.parse of the same text, and one evaluator call.
 * Goals: validate ≤ 2 ms median, access ≤ 20 ms p95.
 */
import { actionNames, serviceKeys } from '../src/access/policy/catalog.ts';
import { validatePolicy } from '../src/access/validate/validator.ts';
import { parsePolicy } from '../src/access/policy/model.ts';
import { analyzeResourcePolicyWithSolver } from '../src/access/external/analyze.ts';
import { closeSolver, startSolver } from '../src/access/external/solver.ts';
import { evaluateRequest } from '../src/access/evaluate/engine.ts';
import { RequestContext } from '../src/access/evaluate/context.ts';
import { parseCaller } from '../src/access/evaluate/principal.ts';

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function stats(samples: number[]): { median: number; p95: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

function managedLikeCorpus(count: number): string[] {
  const random = rng(42);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const services = [...serviceKeys()].filter((s) => actionNames(s).length > 0);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const statements = [];
    const n = 1 + Math.floor(random() * 6);
    for (let s = 0; s < n; s++) {
      const service = pick(services);
      const names = actionNames(service);
      const actions = Array.from({ length: 1 + Math.floor(random() * 25) }, () => (random() < 0.1 ? `${service}:${pick(names).slice(0, 4)}*` : `${service}:${pick(names)}`));
      const statement: Record<string, unknown> = { Sid: `S${s}`, Effect: random() < 0.9 ? 'Allow' : 'Deny', Action: [...new Set(actions)], Resource: random() < 0.6 ? '*' : `arn:aws:${service}:*:*:*` };
      if (random() < 0.2) statement.Condition = { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] }, Bool: { 'aws:SecureTransport': 'true' } };
      statements.push(statement);
    }
    out.push(JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 4));
  }
  return out;
}

function resourcePolicyCorpus(count: number): Array<{ text: string; type: string; arn: string }> {
  const random = rng(7);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const kinds = [
    { type: 'AWS::S3::Bucket', arn: 'arn:aws:s3:::bench-bucket', resource: ['arn:aws:s3:::bench-bucket', 'arn:aws:s3:::bench-bucket/*'], actions: ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:*', 's3:Get*'] },
    { type: 'AWS::SQS::Queue', arn: 'arn:aws:sqs:us-east-1:111122223333:bench', resource: ['arn:aws:sqs:us-east-1:111122223333:bench'], actions: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:*'] },
    { type: 'AWS::KMS::Key', arn: 'arn:aws:kms:us-east-1:111122223333:key/k', resource: ['*'], actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:*'] },
    { type: 'AWS::SNS::Topic', arn: 'arn:aws:sns:us-east-1:111122223333:bench', resource: ['arn:aws:sns:us-east-1:111122223333:bench'], actions: ['sns:Publish', 'sns:Subscribe'] },
  ];
  const principals = ['*', { AWS: '*' }, { AWS: '444455556666' }, { AWS: 'arn:aws:iam::111122223333:root' }, { AWS: 'arn:aws:iam::555566667777:role/r' }, { Service: 'cloudtrail.amazonaws.com' }];
  const conditions = [
    undefined,
    { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
    { StringEquals: { 'aws:SourceAccount': '444455556666' } },
    { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    { Bool: { 'aws:SecureTransport': 'true' } },
    { StringEquals: { 'aws:PrincipalAccount': ['111122223333'] } },
    { StringEquals: { 'aws:SourceVpce': 'vpce-123' } },
  ];
  const out = [];
  for (let i = 0; i < count; i++) {
    const kind = pick(kinds);
    const statements: unknown[] = [];
    const n = 1 + Math.floor(random() * 3);
    for (let s = 0; s < n; s++) {
      const condition = pick(conditions);
      statements.push({ Effect: 'Allow', Principal: pick(principals), Action: pick(kind.actions), Resource: kind.resource, ...(condition ? { Condition: condition } : {}) });
    }
    if (random() < 0.3) statements.push({ Effect: 'Deny', Principal: '*', Action: '*', Resource: kind.resource, Condition: pick([{ Bool: { 'aws:SecureTransport': 'false' } }, { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }]) });
    out.push({ text: JSON.stringify({ Version: '2012-10-17', Statement: statements }), type: kind.type, arn: kind.arn });
  }
  return out;
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const fmt = (n: number) => `${n.toFixed(3)} ms`;

export default async function bench(): Promise<void> {
  const corpus = managedLikeCorpus(1400);
  for (const text of corpus.slice(0, 50)) validatePolicy(text, { policyType: 'IDENTITY_POLICY' }); // warm the catalog cache
  const parse = stats(corpus.map((text) => time(() => JSON.parse(text))));
  const validate = stats(corpus.map((text) => time(() => validatePolicy(text, { policyType: 'IDENTITY_POLICY' }))));
  console.log(`validate: ${corpus.length} managed-policy-sized documents — median ${fmt(validate.median)}, p95 ${fmt(validate.p95)} (goal ≤ 2 ms median); ${(validate.median / parse.median).toFixed(1)}× JSON.parse`);

  const policies = resourcePolicyCorpus(5000);
  const zone = { kind: 'account' as const, organizationId: 'o-abc123', organizationAccounts: new Set(['111122223333']), trustedAccounts: new Set<string>() };
  const parsed = policies.map((p) => ({ ...p, policy: parsePolicy(p.text) }));
  const solverStart = time(() => undefined);
  const started = process.hrtime.bigint();
  await startSolver();
  const startMs = Number(process.hrtime.bigint() - started) / 1e6 + solverStart;
  for (const p of parsed.slice(0, 100)) await analyzeResourcePolicyWithSolver(p.policy, { arn: p.arn, account: '111122223333', type: p.type }, zone);
  const one = parsed[0]!;
  const evalBaseline = stats(Array.from({ length: 2000 }, () => time(() => evaluateRequest({ caller: parseCaller('anonymous'), action: 's3:GetObject', resource: 'arn:aws:s3:::bench-bucket/x', resourceAccount: '111122223333', context: new RequestContext() }, { identity: [], resource: one.policy }))));
  let findings = 0;
  // Questions the solver could not decide in time are counted, not fatal: the bench measures, it does not judge.
  let undecided = 0;
  const samples: number[] = [];
  for (const p of parsed) {
    const start = process.hrtime.bigint();
    const analysis = await analyzeResourcePolicyWithSolver(p.policy, { arn: p.arn, account: '111122223333', type: p.type }, zone);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    findings += analysis.accesses.length;
    undecided += analysis.undecided.length;
  }
  const access = stats(samples);
  console.log(`access: ${parsed.length} resource policies (${findings} findings, ${undecided} undecided questions), solver started in ${startMs.toFixed(0)} ms — median ${fmt(access.median)}, p95 ${fmt(access.p95)} (goal ≤ 20 ms p95); ${(access.median / evalBaseline.median).toFixed(0)}× one evaluator call`);
  await closeSolver();
}
