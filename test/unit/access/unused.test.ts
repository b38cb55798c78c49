import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Snapshot } from '../../../src/inventory/snapshot.ts';
import { unusedAccess } from '../../../src/access/unused/unused.ts';
import { actionOfEvent, emptyActivity } from '../../../src/access/unused/activity.ts';
import { ACCOUNT } from './fixtures.ts';

const NOW = '2026-06-01T00:00:00Z';
const OLD = '2025-01-01T00:00:00+00:00';
const RECENT = '2026-05-20T00:00:00+00:00';
const header = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const row = (user: string, cells: string) => `${user},arn:aws:iam::${ACCOUNT}:user/${user},${OLD},${cells},false,N/A,false,N/A`;
const report = [
  header,
  `<root_account>,arn:aws:iam::${ACCOUNT}:root,${OLD},not_supported,${OLD},not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  row('stale', `true,${OLD},${OLD},N/A,false,true,${OLD},${OLD},us-east-1,s3,false,N/A,N/A,N/A,N/A`),
  row('active', `true,${RECENT},${OLD},N/A,true,true,${OLD},${RECENT},us-east-1,s3,true,${OLD},N/A,N/A,N/A`),
].join('\n');

function snapshot(withSlad: boolean): Snapshot {
  return Snapshot.fromData({ collectedAt: NOW, accounts: [{ id: ACCOUNT, regions: ['us-east-1'] }] }, {
    [ACCOUNT]: {
      iam: {
        GetCredentialReport: { 'us-east-1': { data: { Content: Buffer.from(report).toString('base64') } } },
        GetAccountAuthorizationDetails: { 'us-east-1': { data: {
          UserDetailList: [{ UserName: 'active', Arn: `arn:aws:iam::${ACCOUNT}:user/active` }],
          RoleDetailList: [
            { RoleName: 'old', Arn: `arn:aws:iam::${ACCOUNT}:role/old`, CreateDate: OLD, RoleLastUsed: { LastUsedDate: OLD } },
            { RoleName: 'busy', Arn: `arn:aws:iam::${ACCOUNT}:role/busy`, CreateDate: OLD, RoleLastUsed: { LastUsedDate: RECENT } },
            { RoleName: 'new', Arn: `arn:aws:iam::${ACCOUNT}:role/new`, CreateDate: RECENT, RoleLastUsed: {} },
            { RoleName: 'AWSServiceRoleForSupport', Path: '/aws-service-role/support.amazonaws.com/', Arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport`, CreateDate: OLD, RoleLastUsed: {} },
          ],
          GroupDetailList: [], Policies: [],
        } } },
        ...(withSlad ? { GetServiceLastAccessedDetails: { 'us-east-1': { resources: { [`arn:aws:iam::${ACCOUNT}:user/active`]: { data: { JobStatus: 'COMPLETED', ServicesLastAccessed: [
          { ServiceNamespace: 's3', LastAuthenticated: RECENT, TrackedActionsLastAccessed: [{ ActionName: 'GetObject', LastAccessedTime: RECENT }, { ActionName: 'PutObject' }] },
          { ServiceNamespace: 'ec2' },
        ] } } } } } } : {}),
      },
    },
  });
}

test('unused roles, passwords and access keys over the window', () => {
  const { findings } = unusedAccess(snapshot(false), { days: 90 });
  const keys = findings.map((f) => `${f.type} ${f.resource.name}`).sort();
  assert.deepEqual(keys, ['UnusedIAMRole old', 'UnusedIAMUserAccessKey active', 'UnusedIAMUserAccessKey stale', 'UnusedIAMUserPassword stale']);
});

test('a longer window reports less', () => {
  const { findings } = unusedAccess(snapshot(false), { days: 900 });
  assert.deepEqual(findings, []);
});

test('unused services and actions from service last-accessed data', () => {
  const { findings } = unusedAccess(snapshot(true), { days: 90 });
  const perm = findings.find((f) => f.type === 'UnusedPermission')!;
  assert.deepEqual(perm.evidence.unusedServices, ['ec2']);
  assert.deepEqual(perm.evidence.unusedActions, ['s3:PutObject']);
});

test('absent service last-accessed data is said, not guessed', () => {
  const { findings, notes } = unusedAccess(snapshot(false), { days: 90 });
  assert.ok(!findings.some((f) => f.type === 'UnusedPermission'));
  assert.ok(notes.some((n) => n.includes('no service last-accessed data')));
});

test('CloudTrail activity refines last use', () => {
  const activity = emptyActivity();
  activity.principals.set(`arn:aws:iam::${ACCOUNT}:role/old`, Date.parse(RECENT));
  activity.services.set(`arn:aws:iam::${ACCOUNT}:user/active`, new Map([['ec2', Date.parse(RECENT)]]));
  const { findings } = unusedAccess(snapshot(true), { days: 90, activity });
  assert.ok(!findings.some((f) => f.type === 'UnusedIAMRole'));
  assert.deepEqual(findings.find((f) => f.type === 'UnusedPermission')!.evidence.unusedServices, []);
});

test('CloudTrail event names map to IAM actions', () => {
  assert.equal(actionOfEvent('lambda.amazonaws.com', 'UpdateFunctionCode20150331v2'), 'lambda:UpdateFunctionCode');
  assert.equal(actionOfEvent('s3.amazonaws.com', 'ListObjectsV2'), 's3:ListBucket');
  assert.equal(actionOfEvent('monitoring.amazonaws.com', 'PutMetricData'), 'cloudwatch:PutMetricData');
});
