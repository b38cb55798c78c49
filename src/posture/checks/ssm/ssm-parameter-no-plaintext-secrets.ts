import { parameters, parameterValue } from '../../../inventory/views/ssm.ts';
import { defineCheck } from '../../check.ts';
import { Results } from '../ec2/_lib/results.ts';
import { nameSuggestsSecret, valueSecret, variableSecret } from '../ec2/_lib/secrets.ts';

/**
 * Baseline practice: secrets belong in SecureString parameters (KMS-encrypted) or Secrets
 * Manager. A String/StringList parameter fails when its name or description uses a secret word
 * (password, secret, token, api key, private key, credential…, not when the last word describes
 * something else such as `…-password-arn` or `…-token-ttl`), or when its value — if the
 * collector recorded GetParameter — matches a secret pattern (AWS keys, PEM keys, tokens).
 * Values are never echoed.
 */
export default defineCheck({
  title: 'SSM String parameters should not hold plaintext secrets',
  severity: 'HIGH',
  resourceType: 'AWS::SSM::Parameter',
  description: 'Checks Systems Manager parameters of type String or StringList (DescribeParameters → Type, Name, Description; values from GetParameter when collected) for signs that they hold a password, key or token that should be a SecureString.',
  risk: 'String parameters are stored and returned unencrypted and readable with ssm:GetParameter by anyone allowed to list configuration, so a secret kept there is effectively shared.',
  remediation: {
    text: 'Move the value to a SecureString parameter (or Secrets Manager), rotate the exposed secret, and delete the String parameter.',
    console: 'Systems Manager console → Parameter Store → Create parameter → Type: SecureString → paste the (rotated) value → Create; then delete the String parameter.',
    cli: 'aws ssm put-parameter --name <name> --type SecureString --value <new-value> --overwrite',
    cloudformation: '# CloudFormation cannot create SecureString parameters; use Secrets Manager:\nType: AWS::SecretsManager::Secret\nProperties:\n  GenerateSecretString: {}',
    terraform: 'resource "aws_ssm_parameter" "db_password" {\n  name  = "/prod/db/password"\n  type  = "SecureString"\n  value = var.db_password\n}',
  },
  references: [
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-parameter-store.html',
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::SSM::Parameter');
    out.each(parameters(context), (parameter, region) => {
      if (!parameter.Name) return;
      const resource = { type: 'AWS::SSM::Parameter', id: parameter.ARN ?? `arn:${out.partition}:ssm:${region}:${out.accountId}:parameter${parameter.Name.startsWith('/') ? '' : '/'}${parameter.Name}`, name: parameter.Name };
      if (parameter.Type === 'SecureString') {
        out.pass(region, resource, `${parameter.Name} is a SecureString`, { api: 'ssm:DescribeParameters', field: 'Type', value: 'SecureString' });
        return;
      }
      const reasons: string[] = [];
      if (nameSuggestsSecret(parameter.Name)) reasons.push('its Name suggests a secret');
      if (parameter.Description && (nameSuggestsSecret(parameter.Description) || valueSecret(parameter.Description))) reasons.push('its Description suggests a secret');
      const value = parameterValue(context, region, parameter.Name);
      if (value.result.kind === 'data') {
        const text = value.result.data.Parameter?.Value ?? '';
        const found = valueSecret(text) ?? (reasons.length > 0 ? undefined : variableSecret(parameter.Name, text));
        if (found) reasons.push(`its value looks like a ${found.kind} (${found.masked})`);
      }
      const evidence = { api: 'ssm:DescribeParameters', field: 'Type, Name, Description', type: parameter.Type ?? null };
      if (reasons.length > 0) out.fail(region, resource, `${parameter.Name} is a ${parameter.Type ?? 'String'} parameter and ${reasons.join(', ')}: store it as a SecureString`, evidence);
      else out.pass(region, resource, `${parameter.Name} (${parameter.Type ?? 'String'}) shows no sign of holding a secret${value.result.kind === 'data' ? '' : ' (name and description only; the value was not collected)'}`, evidence);
    });
    return out.list;
  },
});
