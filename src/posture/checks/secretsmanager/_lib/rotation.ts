import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';

/** The rotation interval in days: AutomaticallyAfterDays, or a `rate(N days|hours)` schedule. */
export function rotationIntervalDays(secret: SecretListEntry): number | undefined {
  const rules = secret.RotationRules;
  if (rules?.AutomaticallyAfterDays) return rules.AutomaticallyAfterDays;
  const rate = /^rate\((\d+)\s+(day|days|hour|hours)\)$/.exec(rules?.ScheduleExpression?.trim() ?? '');
  if (rate) return rate[2]!.startsWith('hour') ? Number(rate[1]) / 24 : Number(rate[1]);
  return undefined;
}

export function secretResource(secret: SecretListEntry) {
  return { type: 'AWS::SecretsManager::Secret', id: secret.ARN ?? secret.Name ?? '', name: secret.Name };
}
