import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Snapshot } from '../../../src/inventory/snapshot.ts';
import { escalationPaths, METHODS } from '../../../src/access/paths/index.ts';
import { ACCOUNT, iamDoc } from './fixtures.ts';

/** Builds a one-account snapshot from users, groups, roles and managed policies. */
function snapshotOf(details: { users?: any[]; groups?: any[]; roles?: any[]; policies?: any[]; functions?: any[] }): Snapshot {
  return Snapshot.fromData(
    { collectedAt: '2026-01-01T00:00:00Z', accounts: [{ id: ACCOUNT, regions: ['us-east-1'] }] },
    {
      [ACCOUNT]: {
        iam: {
          GetAccountAuthorizationDetails: { 'us-east-1': { data: { UserDetailList: details.users ?? [], GroupDetailList: details.groups ?? [], RoleDetailList: details.roles ?? [], Policies: details.policies ?? [] } } },
          GetCredentialReport: { 'us-east-1': { data: { Content: Buffer.from('user,arn,password_enabled\nattacker,x,true\nvictim,x,false\nadmin,x,true\n').toString('base64') } } },
        },
        lambda: { ListFunctions: { 'us-east-1': { data: { Functions: details.functions ?? [] } } } },
      },
    },
  );
}

const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const allow = (action: string | string[], resource: string | string[] = '*', extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const inline = (...statements: unknown[]) => [{ PolicyName: 'p', PolicyDocument: iamDoc({ Version: '2012-10-17', Statement: statements }) }];
const ADMIN = [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }];
const user = (name: string, statements: unknown[], extra: Record<string, unknown> = {}) => ({ UserName: name, Arn: arn('user', name), UserPolicyList: inline(...statements), GroupList: [], AttachedManagedPolicies: [], ...extra });
const role = (name: string, trust: unknown, statements: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  RoleName: name, Arn: arn('role', name), RolePolicyList: inline(...statements), AttachedManagedPolicies: [],
  AssumeRolePolicyDocument: iamDoc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: trust, Action: 'sts:AssumeRole' }] }), ...extra,
});
const adminUser = { UserName: 'admin', Arn: arn('user', 'admin'), UserPolicyList: [], GroupList: [], AttachedManagedPolicies: ADMIN };
const adminRole = (trust: unknown) => ({ ...role('admin-role', trust), AttachedManagedPolicies: ADMIN });

interface Case {
  name: string;
  details: Parameters<typeof snapshotOf>[0];
  method?: string;
  escalates: boolean;
}

const cases: Case[] = [
  { name: 'CreateAccessKey on an admin user', details: { users: [user('attacker', [allow('iam:CreateAccessKey', arn('user', '*'))]), adminUser] }, method: 'CreateAccessKey', escalates: true },
  { name: 'CreateAccessKey limited to itself', details: { users: [user('attacker', [allow('iam:CreateAccessKey', arn('user', 'attacker'))]), adminUser] }, escalates: false },
  { name: 'UpdateLoginProfile on a user with a password', details: { users: [user('attacker', [allow('iam:UpdateLoginProfile')]), adminUser] }, method: 'UpdateLoginProfile', escalates: true },
  { name: 'CreateLoginProfile needs a user without a password', details: { users: [user('attacker', [allow('iam:CreateLoginProfile')]), adminUser] }, escalates: false },
  { name: 'AttachUserPolicy on itself', details: { users: [user('attacker', [allow('iam:AttachUserPolicy', arn('user', 'attacker'))])] }, method: 'AttachUserPolicy', escalates: true },
  { name: 'PutUserPolicy on itself', details: { users: [user('attacker', [allow('iam:PutUserPolicy')])] }, method: 'PutUserPolicy', escalates: true },
  { name: 'a condition it cannot meet blocks the step', details: { users: [user('attacker', [allow('iam:PutUserPolicy', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })])] }, escalates: false },
  { name: 'an explicit deny blocks the step', details: { users: [user('attacker', [allow('iam:PutUserPolicy'), { Effect: 'Deny', Action: 'iam:Put*', Resource: '*' }])] }, escalates: false },
  { name: 'a permissions boundary blocks the step', details: { users: [user('attacker', [allow('iam:PutUserPolicy')], { PermissionsBoundary: { PermissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/b' } })], policies: [{ PolicyName: 'b', Arn: 'arn:aws:iam::111122223333:policy/b', PolicyVersionList: [{ IsDefaultVersion: true, Document: iamDoc({ Version: '2012-10-17', Statement: [allow('s3:*')] }) }] }] }, escalates: false },
  { name: 'AttachGroupPolicy on its own group', details: { users: [user('attacker', [], { GroupList: ['devs'] })], groups: [{ GroupName: 'devs', Arn: arn('group', 'devs'), GroupPolicyList: inline(allow('iam:AttachGroupPolicy', arn('group', 'devs'))), AttachedManagedPolicies: [] }] }, method: 'AttachGroupPolicy', escalates: true },
  { name: 'AddUserToGroup into an admin group', details: { users: [user('attacker', [allow('iam:AddUserToGroup')])], groups: [{ GroupName: 'admins', Arn: arn('group', 'admins'), GroupPolicyList: [], AttachedManagedPolicies: ADMIN }] }, method: 'AddUserToGroup', escalates: true },
  { name: 'CreatePolicyVersion on its own managed policy', details: { users: [user('attacker', [], { AttachedManagedPolicies: [{ PolicyName: 'mine', PolicyArn: 'arn:aws:iam::111122223333:policy/mine' }] })], policies: [{ PolicyName: 'mine', Arn: 'arn:aws:iam::111122223333:policy/mine', PolicyVersionList: [{ IsDefaultVersion: true, Document: iamDoc({ Version: '2012-10-17', Statement: [allow('iam:CreatePolicyVersion', 'arn:aws:iam::111122223333:policy/mine')] }) }] }] }, method: 'CreatePolicyVersion', escalates: true },
  { name: 'SetDefaultPolicyVersion needs another version', details: { users: [user('attacker', [], { AttachedManagedPolicies: [{ PolicyName: 'mine', PolicyArn: 'arn:aws:iam::111122223333:policy/mine' }] })], policies: [{ PolicyName: 'mine', Arn: 'arn:aws:iam::111122223333:policy/mine', PolicyVersionList: [{ IsDefaultVersion: true, Document: iamDoc({ Version: '2012-10-17', Statement: [allow('iam:SetDefaultPolicyVersion')] }) }, { IsDefaultVersion: false, Document: iamDoc({ Version: '2012-10-17', Statement: [allow('*')] }) }] }] }, method: 'SetDefaultPolicyVersion', escalates: true },
  { name: 'AssumeRole into an admin role that trusts it', details: { users: [user('attacker', [allow('sts:AssumeRole')])], roles: [adminRole({ AWS: ACCOUNT })] }, method: 'AssumeRole', escalates: true },
  { name: 'AssumeRole is refused by the trust policy', details: { users: [user('attacker', [allow('sts:AssumeRole')])], roles: [adminRole({ AWS: arn('user', 'someone') })] }, escalates: false },
  { name: 'a trust policy naming the user needs no identity permission', details: { users: [user('attacker', [])], roles: [adminRole({ AWS: arn('user', 'attacker') })] }, method: 'AssumeRole', escalates: true },
  { name: 'UpdateAssumeRolePolicy on an admin role', details: { users: [user('attacker', [allow('iam:UpdateAssumeRolePolicy')])], roles: [adminRole({ Service: 'ec2.amazonaws.com' })] }, method: 'UpdateAssumeRolePolicy', escalates: true },
  { name: 'PutRolePolicy on an assumable role', details: { users: [user('attacker', [allow(['iam:PutRolePolicy', 'sts:AssumeRole'])])], roles: [role('worker', { AWS: ACCOUNT })] }, method: 'PutRolePolicy', escalates: true },
  { name: 'PassRole + RunInstances with an admin role EC2 trusts', details: { users: [user('attacker', [allow(['iam:PassRole', 'ec2:RunInstances'])])], roles: [adminRole({ Service: 'ec2.amazonaws.com' })] }, method: 'PassRole+ec2:RunInstances', escalates: true },
  { name: 'PassRole limited to other roles', details: { users: [user('attacker', [allow('iam:PassRole', arn('role', 'harmless')), allow('ec2:RunInstances')])], roles: [adminRole({ Service: 'ec2.amazonaws.com' })] }, escalates: false },
  { name: 'PassRole + RunInstances but the role trusts only Lambda', details: { users: [user('attacker', [allow(['iam:PassRole', 'ec2:RunInstances'])])], roles: [adminRole({ Service: 'lambda.amazonaws.com' })] }, escalates: false },
  { name: 'PassRole + Lambda create and invoke', details: { users: [user('attacker', [allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'])])], roles: [adminRole({ Service: 'lambda.amazonaws.com' })] }, method: 'PassRole+lambda:CreateFunction+InvokeFunction', escalates: true },
  { name: 'PassRole + Glue dev endpoint', details: { users: [user('attacker', [allow(['iam:PassRole', 'glue:CreateDevEndpoint'])])], roles: [adminRole({ Service: 'glue.amazonaws.com' })] }, method: 'PassRole+glue:CreateDevEndpoint', escalates: true },
  { name: 'PassRole + CloudFormation', details: { users: [user('attacker', [allow(['iam:PassRole', 'cloudformation:CreateStack'])])], roles: [adminRole({ Service: 'cloudformation.amazonaws.com' })] }, method: 'PassRole+cloudformation:CreateStack', escalates: true },
  { name: 'PassRole + CodeBuild', details: { users: [user('attacker', [allow(['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuild'])])], roles: [adminRole({ Service: 'codebuild.amazonaws.com' })] }, method: 'PassRole+codebuild', escalates: true },
  { name: 'PassRole + SageMaker notebook', details: { users: [user('attacker', [allow(['iam:PassRole', 'sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'])])], roles: [adminRole({ Service: 'sagemaker.amazonaws.com' })] }, method: 'PassRole+sagemaker:CreateNotebookInstance', escalates: true },
  { name: 'PassRole + ECS task', details: { users: [user('attacker', [allow(['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'])])], roles: [adminRole({ Service: 'ecs-tasks.amazonaws.com' })] }, method: 'PassRole+ecs:RunTask', escalates: true },
  { name: 'PassRole + Data Pipeline', details: { users: [user('attacker', [allow(['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition'])])], roles: [adminRole({ Service: 'datapipeline.amazonaws.com' })] }, method: 'PassRole+datapipeline', escalates: true },
  { name: 'UpdateFunctionCode of a function running as an admin role', details: { users: [user('attacker', [allow('lambda:UpdateFunctionCode')])], roles: [adminRole({ Service: 'lambda.amazonaws.com' })], functions: [{ FunctionName: 'f', FunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`, Role: arn('role', 'admin-role') }] }, method: 'lambda:UpdateFunctionCode', escalates: true },
  { name: 'a chain: assume a role that can create an admin key', details: { users: [user('attacker', [allow('sts:AssumeRole')]), adminUser], roles: [role('helper', { AWS: ACCOUNT }, [allow('iam:CreateAccessKey')])] }, escalates: true },
];

for (const c of cases) {
  test(`paths: ${c.name}`, () => {
    const result = escalationPaths(snapshotOf(c.details));
    const finding = result.findings.find((f) => f.resource.id === arn('user', 'attacker'));
    assert.equal(Boolean(finding), c.escalates, JSON.stringify(result.findings.map((f) => f.description)));
    if (c.method) assert.equal((finding as any).steps[0].method, c.method);
  });
}

test('at least 30 escalation methods are known', () => {
  assert.ok(METHODS.length >= 30, `${METHODS.length}`);
});

test('a chain lists every step in order', () => {
  const result = escalationPaths(snapshotOf(cases.at(-1)!.details));
  const steps = (result.findings.find((f) => f.resource.id === arn('user', 'attacker')) as any).steps;
  assert.deepEqual(steps.map((s: any) => s.method), ['AssumeRole', 'CreateAccessKey']);
  assert.equal(steps[1].becomes, arn('user', 'admin'));
});
