import { secrets } from '../../../inventory/views/secretsmanager.ts';
import { defineCheck } from '../../check.ts';
import { daysBetween, intParam, Results, toDate } from '../ec2/_lib/results.ts';
import { secretResource } from './_lib/rotation.ts';

/**
 * FSBP SecretsManager.4 / Config secretsmanager-secret-periodic-rotation: NON_COMPLIANT when the
 * secret has not rotated within maxDaysSinceRotation (LastRotatedDate; a secret never rotated
 * counts from CreatedDate).
 */
export default defineCheck({
  title: 'Secrets Manager secrets should be rotated within a specified number of days',
  severity: 'MEDIUM',
  resourceType: 'AWS::SecretsManager::Secret',
  description: 'Checks that each secret was rotated within maxDaysSinceRotation days (ListSecrets → LastRotatedDate, or CreatedDate when never rotated).',
  risk: 'The longer a secret lives, the more places it has leaked to and the longer a stolen copy stays useful.',
  remediation: {
    text: 'Rotate the secret now and enable automatic rotation on a shorter schedule.',
    console: 'Secrets Manager console → Secrets → select → Rotation → Rotate secret immediately (configure rotation first if needed).',
    cli: 'aws secretsmanager rotate-secret --secret-id <secret>',
    terraform: 'resource "aws_secretsmanager_secret_rotation" "this" {\n  secret_id           = aws_secretsmanager_secret.this.id\n  rotation_lambda_arn = aws_lambda_function.rotate.arn\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}',
  },
  references: [
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-4',
    'https://docs.aws.amazon.com/config/latest/developerguide/secretsmanager-secret-periodic-rotation.html',
  ],
  parameters: {
    maxDaysSinceRotation: { description: 'Maximum number of days since the secret was last rotated.', default: 90 },
  },
  evaluate(context) {
    const out = new Results(context, 'AWS::SecretsManager::Secret');
    const limit = intParam(context.parameters, 'maxDaysSinceRotation') ?? 90;
    out.each(secrets(context), (secret, region) => {
      const resource = secretResource(secret);
      const rotated = toDate(secret.LastRotatedDate);
      const since = rotated ?? toDate(secret.CreatedDate);
      const evidence = { api: 'secretsmanager:ListSecrets', field: rotated ? 'LastRotatedDate' : 'CreatedDate', value: since?.toISOString() ?? null };
      if (!since) return out.add('ERROR', region, resource, `${secret.Name}: ListSecrets gives neither LastRotatedDate nor CreatedDate`, evidence);
      const days = daysBetween(since, context.now);
      if (days > limit) out.fail(region, resource, `${secret.Name} ${rotated ? 'was last rotated' : 'has never rotated; it was created'} ${Math.floor(days)} days ago (${evidence.field}), more than maxDaysSinceRotation ${limit}`, evidence);
      else out.pass(region, resource, `${secret.Name} ${rotated ? 'rotated' : 'was created'} ${Math.floor(days)} days ago`, evidence);
    });
    return out.list;
  },
});
