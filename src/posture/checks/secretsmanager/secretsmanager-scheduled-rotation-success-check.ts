import { secrets } from '../../../inventory/views/secretsmanager.ts';
import { defineCheck } from '../../check.ts';
import { daysBetween, Results, toDate } from '../ec2/_lib/results.ts';
import { rotationIntervalDays, secretResource } from './_lib/rotation.ts';

/**
 * FSBP SecretsManager.2 / Config secretsmanager-scheduled-rotation-success-check: a secret with
 * rotation on fails when its scheduled rotation is overdue — NextRotationDate is in the past, or
 * (without it) the last rotation (or creation) is older than the rotation interval.
 * Secrets without rotation are NOT_APPLICABLE.
 */
export default defineCheck({
  title: 'Secrets Manager secrets configured with automatic rotation should rotate successfully',
  severity: 'MEDIUM',
  resourceType: 'AWS::SecretsManager::Secret',
  description: 'Checks that secrets with rotation enabled rotated on schedule (ListSecrets → NextRotationDate, LastRotatedDate, RotationRules).',
  risk: 'A failing rotation leaves the old credential in use while everyone believes it is rotated, and often signals a broken rotation function or lost access to the database.',
  remediation: {
    text: 'Look at the rotation function\'s CloudWatch logs, fix the cause (network, permissions, database user), and rotate the secret now.',
    console: 'Secrets Manager console → Secrets → select → Rotation → Rotate secret immediately; check the rotation Lambda function\'s logs in CloudWatch.',
    cli: 'aws secretsmanager rotate-secret --secret-id <secret>',
    terraform: '# Fix the rotation function (aws_lambda_function) permissions and VPC access; rotation_rules stay as configured.',
  },
  references: [
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/troubleshoot_rotation.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-2',
    'https://docs.aws.amazon.com/config/latest/developerguide/secretsmanager-scheduled-rotation-success-check.html',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::SecretsManager::Secret');
    out.each(secrets(context), (secret, region) => {
      const resource = secretResource(secret);
      if (secret.RotationEnabled !== true) return out.notApplicable(region, resource, `${secret.Name} has no automatic rotation`);
      const next = toDate(secret.NextRotationDate);
      const last = toDate(secret.LastRotatedDate);
      const evidence = { api: 'secretsmanager:ListSecrets', field: 'NextRotationDate, LastRotatedDate', next: next?.toISOString() ?? null, last: last?.toISOString() ?? null };
      if (next) {
        // NextRotationDate is a day; allow that whole day for the rotation window.
        if (daysBetween(next, context.now) > 1) return out.fail(region, resource, `${secret.Name} was due to rotate on ${next.toISOString().slice(0, 10)} (NextRotationDate) and has not`, evidence);
        return out.pass(region, resource, `${secret.Name} next rotates on ${next.toISOString().slice(0, 10)}`, evidence);
      }
      const interval = rotationIntervalDays(secret);
      const since = last ?? toDate(secret.CreatedDate);
      if (interval === undefined || !since) return out.add('ERROR', region, resource, `${secret.Name}: ListSecrets gives neither NextRotationDate nor a rotation interval and last rotation, so the schedule cannot be judged`, evidence);
      const age = daysBetween(since, context.now);
      if (age > interval + 1) out.fail(region, resource, `${secret.Name} last rotated ${Math.floor(age)} days ago (LastRotatedDate ${last?.toISOString() ?? 'never'}), beyond its ${interval}-day schedule`, evidence);
      else out.pass(region, resource, `${secret.Name} rotated ${Math.floor(age)} days ago, within its ${interval}-day schedule`, evidence);
    });
    return out.list;
  },
});
