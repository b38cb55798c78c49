import { functions } from '../../../inventory/views/lambda.ts';
import { defineCheck } from '../../check.ts';
import { Results } from '../ec2/_lib/results.ts';
import { variableSecret } from '../ec2/_lib/secrets.ts';

/**
 * Baseline practice: no plaintext secrets in Lambda environment variables
 * (ListFunctions → Environment.Variables). High-signal matches only: AWS access keys and secret
 * keys, PEM private keys, well-known token formats, passwords in URLs, and literal values under
 * names such as DB_PASSWORD, API_KEY, CLIENT_SECRET, AUTH_TOKEN. References to Secrets Manager
 * or Parameter Store (ARNs, paths) are fine. Values are masked in findings.
 */
export default defineCheck({
  title: 'Lambda environment variables should not hold plaintext secrets',
  severity: 'HIGH',
  resourceType: 'AWS::Lambda::Function',
  description: 'Checks the environment variables of each Lambda function (ListFunctions → Environment.Variables) for values that are, or are named as, secrets: access keys, private keys, tokens, passwords.',
  risk: 'Environment variables are visible to anyone with lambda:GetFunctionConfiguration and are copied into deployment tooling and logs; a secret there leaks far beyond the function.',
  remediation: {
    text: 'Move the secret to Secrets Manager (or a SecureString parameter), read it at run time, rotate the exposed value, and keep only the secret\'s ARN in the variable.',
    console: 'Lambda console → Functions → select → Configuration → Environment variables → Edit → remove the secret value (store its Secrets Manager ARN instead) → Save.',
    cli: 'aws secretsmanager create-secret --name <name> --secret-string <value>\naws lambda update-function-configuration --function-name <fn> --environment "Variables={DB_SECRET_ARN=<arn>}"',
    cloudformation: 'Environment:\n  Variables:\n    DB_SECRET_ARN: !Ref DbSecret',
    terraform: 'environment {\n  variables = {\n    DB_SECRET_ARN = aws_secretsmanager_secret.db.arn\n  }\n}',
  },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html', 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html'],
  evaluate(context) {
    const out = new Results(context, 'AWS::Lambda::Function');
    out.each(functions(context), (fn, region) => {
      const resource = { type: 'AWS::Lambda::Function', id: fn.FunctionArn ?? fn.FunctionName ?? '', name: fn.FunctionName };
      const variables = fn.Environment?.Variables ?? {};
      const found = Object.entries(variables)
        .map(([name, value]) => ({ name, match: variableSecret(name, String(value ?? '')) }))
        .filter((entry) => entry.match);
      const evidence = { api: 'lambda:ListFunctions', field: 'Environment.Variables', variables: found.map((entry) => `${entry.name}: ${entry.match!.kind} ${entry.match!.masked}`) };
      if (found.length > 0) out.fail(region, resource, `${fn.FunctionName} has plaintext secrets in Environment.Variables: ${evidence.variables.join('; ')}`, evidence);
      else out.pass(region, resource, `${fn.FunctionName}: none of its ${Object.keys(variables).length} environment variables looks like a secret`, { api: 'lambda:ListFunctions', field: 'Environment.Variables' });
    });
    return out.list;
  },
});
