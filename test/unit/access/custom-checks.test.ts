import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessNotGranted, checkNoPublicAccess } from '../../../src/access/checks/custom-checks.ts';
import { closeSolver } from '../../../src/access/external/solver.ts';
import { reportCheck } from '../../../src/cli/commands/iam-check-no-public-access.ts';
import { memoryIo } from '../../../src/cli/io.ts';

after(closeSolver);

const policy = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

const publicCases: Array<[string, unknown[], string, 'PASS' | 'FAIL']> = [
  ['public bucket read', [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::mybucket/*' }], 'AWS::S3::Bucket', 'FAIL'],
  ['named account only', [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::mybucket/*' }], 'AWS::S3::Bucket', 'PASS'],
  ['organization-pinned queue', [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-123' } } }], 'AWS::SQS::Queue', 'PASS'],
  ['account-pinned topic', [{ Effect: 'Allow', Principal: '*', Action: 'sns:Publish', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }], 'AWS::SNS::Topic', 'PASS'],
  ['trust policy for anyone', [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }], 'AWS::IAM::AssumeRolePolicyDocument', 'FAIL'],
  ['trust policy for a service', [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }], 'AWS::IAM::AssumeRolePolicyDocument', 'PASS'],
  ['public key policy', [{ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }], 'AWS::KMS::Key', 'FAIL'],
  ['public then denied outside the account', [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }, { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': '123456789012' } } }], 'AWS::SecretsManager::Secret', 'PASS'],
];
for (const [name, statements, type, expected] of publicCases) {
  test(`check-no-public-access: ${name} → ${expected}`, async () => {
    const result = await checkNoPublicAccess(policy(statements), type);
    assert.equal(result.result, expected);
    if (expected === 'FAIL') assert.ok(result.reasons[0]?.witness, 'a FAIL carries a witness');
  });
}

const grantedCases: Array<[string, unknown[], string[], string[], 'IDENTITY_POLICY' | 'RESOURCE_POLICY', 'PASS' | 'FAIL']> = [
  ['wildcard action grants it', [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }], ['s3:DeleteObject'], [], 'IDENTITY_POLICY', 'FAIL'],
  ['another resource is not granted', [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }], ['s3:DeleteObject'], ['arn:aws:s3:::other/x'], 'IDENTITY_POLICY', 'PASS'],
  ['an explicit deny takes it away', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Deny', Action: 's3:Delete*', Resource: '*' }], ['s3:DeleteObject'], [], 'IDENTITY_POLICY', 'PASS'],
  ['a conditional grant still grants', [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }], ['iam:PassRole'], [], 'IDENTITY_POLICY', 'FAIL'],
  ['NotAction grants everything else', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }], ['s3:GetObject'], [], 'IDENTITY_POLICY', 'FAIL'],
  ['NotAction excludes', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }], ['iam:CreateUser'], [], 'IDENTITY_POLICY', 'PASS'],
  ['a resource policy granting an account', [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }], ['s3:GetObject'], [], 'RESOURCE_POLICY', 'FAIL'],
  ['a resource policy granting other actions', [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }], ['s3:PutObject'], [], 'RESOURCE_POLICY', 'PASS'],
];
for (const [name, statements, actions, resources, type, expected] of grantedCases) {
  test(`check-access-not-granted: ${name} → ${expected}`, () => {
    assert.equal(checkAccessNotGranted(policy(statements), actions, resources, type).result, expected);
  });
}

const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:q';

/**
 * A queue policy open to anyone when each of holes+1 request tags holds one of `holes` values,
 * with every two tags sharing a value denied: it grants nothing, but proving so is the
 * pigeonhole problem, exponential for the SAT search inside Z3.
 */
function pigeonholeQueuePolicy(holes: number): string {
  const values = Array.from({ length: holes }, (_, h) => `v${h}`);
  const keys = Array.from({ length: holes + 1 }, (_, i) => `aws:RequestTag/t${i}`);
  const statements: unknown[] = [{ Sid: 'TaggedSend', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: QUEUE, Condition: { StringEquals: Object.fromEntries(keys.map((k) => [k, values])) } }];
  keys.forEach((a, i) => keys.slice(i + 1).forEach((b) => values.forEach((v) => statements.push({ Effect: 'Deny', Principal: '*', Action: 'sqs:SendMessage', Resource: QUEUE, Condition: { StringEquals: { [a]: v, [b]: v } } }))));
  return policy(statements);
}

test('check-no-public-access: a policy the solver cannot decide in time → ERROR, never PASS, and the command exits 1', async () => {
  // Given the same shape small enough to settle: proved closed.
  assert.equal((await checkNoPublicAccess(pigeonholeQueuePolicy(3), 'AWS::SQS::Queue', { solver: { timeoutMs: 2_000 } })).result, 'PASS');

  // When it is too large for the time allowed.
  const result = await checkNoPublicAccess(pigeonholeQueuePolicy(8), 'AWS::SQS::Queue', { solver: { timeoutMs: 100 } });

  // Then the answer is neither PASS nor FAIL, and says which question was left open.
  assert.equal(result.result, 'ERROR');
  assert.match(result.message, /could not be decided/);
  assert.equal(result.reasons.length, 1, 'the stand-ins for anyone ask one question');
  assert.deepEqual({ ...result.reasons[0], description: undefined }, { description: undefined, statementIndex: 0, statementId: 'TaggedSend' });
  assert.match(result.reasons[0]!.description, /^Could not decide whether AWS:\* can sqs:SendMessage on arn:aws:sqs:us-east-1:111122223333:q \(Z3 timed out after 100 ms\)\.$/);

  // And the command prints it as an ERROR result and exits 1, with or without --fail-on.
  const io = memoryIo();
  assert.equal(await reportCheck('queue.json', 'AWS::SQS::Queue', result, { format: 'json' }, io), 1);
  const out = JSON.parse(io.stdoutText());
  assert.equal(out.result, 'ERROR');
  assert.match(out.message, /could not be decided/);
  assert.deepEqual(out.findings.map((f: { status: string; severity: string; title: string }) => [f.status, f.severity, f.title]), [['ERROR', 'MEDIUM', 'check-no-public-access: ERROR (could not be decided)']]);
  assert.match(out.findings[0].description, /TaggedSend: Could not decide whether AWS:\* can sqs:SendMessage/);
  assert.equal(await reportCheck('queue.json', 'AWS::SQS::Queue', result, { format: 'json', failOn: 'CRITICAL' }, memoryIo()), 1);

  const table = memoryIo();
  assert.equal(await reportCheck('queue.json', 'AWS::SQS::Queue', result, { format: 'table' }, table), 1);
  assert.match(table.stdoutText(), /ERROR\s+MEDIUM\s+check-no-public-access .*could not be decided/);
});

test('check-no-public-access: a proven public grant is FAIL even when another question was left open', async () => {
  const statements = JSON.parse(pigeonholeQueuePolicy(8)).Statement as unknown[];
  const text = policy([...statements, { Sid: 'OpenReceive', Effect: 'Allow', Principal: '*', Action: 'sqs:ReceiveMessage', Resource: QUEUE }]);
  const result = await checkNoPublicAccess(text, 'AWS::SQS::Queue', { solver: { timeoutMs: 100 } });
  assert.equal(result.result, 'FAIL');
  assert.ok(result.reasons.some((r) => r.statementId === 'OpenReceive'));
});

test('check-no-public-access: an undecided question about a named account alone does not block a PASS', async () => {
  // The same hard conditions, granted to one named account: not public whatever Z3 would say.
  const statements = JSON.parse(pigeonholeQueuePolicy(8)).Statement as Array<Record<string, unknown>>;
  statements[0] = { ...statements[0], Principal: { AWS: '444455556666' } };
  assert.equal((await checkNoPublicAccess(policy(statements), 'AWS::SQS::Queue', { solver: { timeoutMs: 100 } })).result, 'PASS');
});
