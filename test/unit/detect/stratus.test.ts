import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runDetection } from '../../../src/detect/index.ts';

/**
 * Recall on real detonations: every Stratus Red Team AWS technique in the shared dataset must
 * yield a finding carrying the ATT&CK technique below (or one of its sub-techniques). The map
 * is ours, from ATT&CK's definitions; the file name is the ground truth label.
 */
const DATASET = fileURLToPath(new URL('../../../../shared/datasets/stratus-detonation-logs/', import.meta.url));

export const EXPECTED: Record<string, string> = {
  'aws.credential-access.ec2-get-password-data': 'T1552',
  'aws.credential-access.ec2-steal-instance-credentials': 'T1552.005',
  'aws.credential-access.secretsmanager-batch-retrieve-secrets': 'T1555.006',
  'aws.credential-access.secretsmanager-retrieve-secrets': 'T1555.006',
  'aws.credential-access.ssm-retrieve-securestring-parameters': 'T1555.006',
  'aws.defense-evasion.cloudtrail-delete': 'T1562.008',
  'aws.defense-evasion.cloudtrail-event-selectors': 'T1562.008',
  'aws.defense-evasion.cloudtrail-stop': 'T1562.008',
  'aws.defense-evasion.dns-delete-logs': 'T1562.008',
  'aws.defense-evasion.organizations-leave': 'T1666',
  'aws.defense-evasion.vpc-remove-flow-logs': 'T1562.008',
  'aws.discovery.ec2-download-user-data': 'T1580',
  'aws.execution.ec2-launch-unusual-instances': 'T1496',
  'aws.execution.ec2-user-data': 'T1059',
  'aws.execution.ssm-send-command': 'T1651',
  'aws.execution.ssm-start-session': 'T1651',
  'aws.exfiltration.ec2-security-group-open-port-22-ingress': 'T1562.007',
  'aws.exfiltration.ec2-share-ami': 'T1537',
  'aws.exfiltration.ec2-share-ebs-snapshot': 'T1537',
  'aws.exfiltration.rds-share-snapshot': 'T1537',
  'aws.impact.bedrock-invoke-model': 'T1496',
  'aws.initial-access.console-login-without-mfa': 'T1078.004',
  'aws.lateral-movement.ec2-instance-connect': 'T1021.004',
  'aws.lateral-movement.ec2-serial-console-send-ssh-public-key': 'T1021.004',
  'aws.persistence.iam-backdoor-role': 'T1098',
  'aws.persistence.iam-backdoor-user': 'T1098.001',
  'aws.persistence.iam-create-admin-user': 'T1136.003',
  'aws.persistence.iam-create-backdoor-role': 'T1098.003',
  'aws.persistence.iam-create-user-login-profile': 'T1098.001',
  'aws.persistence.lambda-backdoor-function': 'T1546',
  'aws.persistence.lambda-layer-extension': 'T1546',
  'aws.persistence.lambda-overwrite-code': 'T1546',
  'aws.persistence.rolesanywhere-create-trust-anchor': 'T1098.001',
  'aws.persistence.sts-federation-token': 'T1550.001',
  'aws.privilege-escalation.iam-update-user-login-profile': 'T1098.001',
};

const covers = (techniques: string[] | undefined, expected: string) =>
  (techniques ?? []).some((t) => t === expected || t.startsWith(`${expected}.`));

test('every Stratus Red Team technique yields a finding with its ATT&CK technique', { skip: !existsSync(DATASET) && 'dataset folder absent' }, async () => {
  const files = readdirSync(DATASET).filter((f) => f.endsWith('.json')).sort();
  assert.equal(files.length, Object.keys(EXPECTED).length, 'the expected map lists every technique in the dataset');
  const missed: string[] = [];
  for (const file of files) {
    const technique = file.replace(/\.json$/, '');
    const expected = EXPECTED[technique];
    assert.ok(expected, `no expectation for ${technique}`);
    const { findings } = await runDetection([`${DATASET}${file}`], { workers: 1 });
    if (!findings.some((f) => covers(f.techniques, expected))) missed.push(`${technique} (want ${expected}; got ${findings.map((f) => f.type).join(', ') || 'nothing'})`);
  }
  assert.deepEqual(missed, []);
});
