import { secrets } from '../../../inventory/views/secretsmanager.ts';
import { defineCheck } from '../../check.ts';
import { daysBetween, intParam, Results, toDate } from '../ec2/_lib/results.ts';
import { secretResource } from './_lib/rotation.ts';

/**
 * FSBP SecretsManager.3 / Config secretsmanager-secret-unused: NON_COMPLIANT when the secret was
 * last accessed (or, if never, created) more than unusedForDays ago.
 */
export default defineCheck({
  title: 'Unused Secrets Manager secrets should be removed',
  severity: 'MEDIUM',
  resourceType: 'AWS::SecretsManager::Secret',
  description: 'Checks that each secret has been accessed within unusedForDays (ListSecrets → LastAccessedDate, or CreatedDate for a secret never accessed).',
  risk: 'Forgotten secrets still grant access to whatever they unlock, without anyone watching or rotating them.',
  remediation: {
    text: 'Confirm the secret is no longer needed and delete it (with a recovery window).',
    console: 'Secrets Manager console → Secrets → select → Actions → Delete secret → waiting period → Schedule deletion.',
    cli: 'aws secretsmanager delete-secret --secret-id <secret> --recovery-window-in-days 30',
    terraform: '# Remove the aws_secretsmanager_secret resource (recovery_window_in_days = 30).',
  },
  references: [
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/manage_delete-secret.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-3',
    'https://docs.aws.amazon.com/config/latest/developerguide/secretsmanager-secret-unused.html',
  ],
  parameters: {
    unusedForDays: { description: 'Number of days a secret may go unused.', default: 90 },
  },
  evaluate(context) {
    const out = new Results(context, 'AWS::SecretsManager::Secret');
    const limit = intParam(context.parameters, 'unusedForDays') ?? 90;
    out.each(secrets(context), (secret, region) => {
      const resource = secretResource(secret);
      const accessed = toDate(secret.LastAccessedDate);
      const since = accessed ?? toDate(secret.CreatedDate);
      const evidence = { api: 'secretsmanager:ListSecrets', field: accessed ? 'LastAccessedDate' : 'CreatedDate', value: since?.toISOString() ?? null };
      if (!since) return out.add('ERROR', region, resource, `${secret.Name}: ListSecrets gives neither LastAccessedDate nor CreatedDate`, evidence);
      const days = daysBetween(since, context.now);
      if (days > limit) out.fail(region, resource, `${secret.Name} was ${accessed ? 'last accessed' : 'created, and never accessed,'} ${Math.floor(days)} days ago (${evidence.field} ${since.toISOString().slice(0, 10)}), more than unusedForDays ${limit}`, evidence);
      else out.pass(region, resource, `${secret.Name} was ${accessed ? 'accessed' : 'created'} ${Math.floor(days)} days ago`, evidence);
    });
    return out.list;
  },
});
