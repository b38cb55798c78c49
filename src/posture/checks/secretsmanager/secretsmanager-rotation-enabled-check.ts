import { secrets } from '../../../inventory/views/secretsmanager.ts';
import { defineCheck } from '../../check.ts';
import { intParam, Results } from '../ec2/_lib/results.ts';
import { rotationIntervalDays, secretResource } from './_lib/rotation.ts';

/**
 * FSBP SecretsManager.1 / Config secretsmanager-rotation-enabled-check: RotationEnabled must be
 * true and, with maximumAllowedRotationFrequency (days) or …InHours, the schedule no longer.
 */
export default defineCheck({
  title: 'Secrets Manager secrets should have automatic rotation enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::SecretsManager::Secret',
  description: 'Checks that each secret has automatic rotation on (ListSecrets → RotationEnabled) and, when a maximum frequency is set, that its rotation interval (RotationRules) is within it.',
  risk: 'Secrets that never rotate stay valid indefinitely after a leak, and long-lived credentials are the most common way into databases and third-party services.',
  remediation: {
    text: 'Turn on automatic rotation with a rotation function and a schedule of 90 days or less.',
    console: 'Secrets Manager console → Secrets → select → Rotation → Edit rotation → Automatic rotation on → schedule → rotation function → Save.',
    cli: 'aws secretsmanager rotate-secret --secret-id <secret> --rotation-lambda-arn <fn-arn> --rotation-rules AutomaticallyAfterDays=30',
    cloudformation: 'Type: AWS::SecretsManager::RotationSchedule\nProperties:\n  SecretId: !Ref Secret\n  RotationLambdaARN: !GetAtt RotationFn.Arn\n  RotationRules:\n    AutomaticallyAfterDays: 30',
    terraform: 'resource "aws_secretsmanager_secret_rotation" "this" {\n  secret_id           = aws_secretsmanager_secret.this.id\n  rotation_lambda_arn = aws_lambda_function.rotate.arn\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}',
  },
  references: [
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-1',
    'https://docs.aws.amazon.com/config/latest/developerguide/secretsmanager-rotation-enabled-check.html',
  ],
  parameters: {
    maximumAllowedRotationFrequency: { description: 'Maximum allowed rotation frequency of the secret in days (optional).', default: '' },
    maximumAllowedRotationFrequencyInHours: { description: 'Maximum allowed rotation frequency of the secret in hours (optional).', default: '' },
  },
  evaluate(context) {
    const out = new Results(context, 'AWS::SecretsManager::Secret');
    const days = intParam(context.parameters, 'maximumAllowedRotationFrequency');
    const hours = intParam(context.parameters, 'maximumAllowedRotationFrequencyInHours');
    const maxDays = hours !== undefined ? hours / 24 : days;
    out.each(secrets(context), (secret, region) => {
      const resource = secretResource(secret);
      const evidence = { api: 'secretsmanager:ListSecrets', field: 'RotationEnabled, RotationRules', rotationEnabled: secret.RotationEnabled ?? false };
      if (secret.RotationEnabled !== true) return out.fail(region, resource, `${secret.Name} does not rotate automatically (RotationEnabled = false)`, evidence);
      const interval = rotationIntervalDays(secret);
      if (maxDays !== undefined && (interval === undefined || interval > maxDays)) {
        return out.fail(region, resource, `${secret.Name} rotates every ${interval ?? 'unknown'} days (RotationRules), more than the allowed ${maxDays}`, evidence);
      }
      out.pass(region, resource, `${secret.Name} rotates automatically${interval ? ` every ${interval} days` : ''}`, evidence);
    });
    return out.list;
  },
});
