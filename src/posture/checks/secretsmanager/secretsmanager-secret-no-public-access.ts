import { resourcePolicy, secrets } from '../../../inventory/views/secretsmanager.ts';
import { defineCheck } from '../../check.ts';
import { describePublic, parses, publicStatements } from '../ec2/_lib/policy.ts';
import { Results } from '../ec2/_lib/results.ts';
import { secretResource } from './_lib/rotation.ts';

/** Baseline practice: a secret's resource policy (GetResourcePolicy → ResourcePolicy) must not allow everyone. */
export default defineCheck({
  title: 'Secrets Manager resource policies should not allow public access',
  severity: 'CRITICAL',
  resourceType: 'AWS::SecretsManager::Secret',
  description: 'Checks that no statement of a secret\'s resource policy (GetResourcePolicy → ResourcePolicy) allows Principal "*" without a condition that narrows the caller.',
  risk: 'A secret readable by any AWS principal hands its credential to anyone who knows the ARN.',
  remediation: {
    text: 'Remove the public statement or restrict it with aws:PrincipalOrgID / aws:SourceAccount; turn on Block Public Policy when saving.',
    console: 'Secrets Manager console → Secrets → select → Overview → Resource permissions → Edit permissions → remove the "*" principal → Save.',
    cli: 'aws secretsmanager delete-resource-policy --secret-id <secret>\naws secretsmanager put-resource-policy --secret-id <secret> --resource-policy file://policy.json --block-public-policy',
    cloudformation: 'Type: AWS::SecretsManager::ResourcePolicy\nProperties:\n  SecretId: !Ref Secret\n  BlockPublicPolicy: true\n  ResourcePolicy: {...}',
    terraform: 'resource "aws_secretsmanager_secret_policy" "this" {\n  secret_arn          = aws_secretsmanager_secret.this.arn\n  block_public_policy = true\n  policy              = data.aws_iam_policy_document.secret.json\n}',
  },
  references: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html', 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/determine-acccess_examine-iam-policies.html'],
  evaluate(context) {
    const out = new Results(context, 'AWS::SecretsManager::Secret');
    out.each(secrets(context), (secret, region) => {
      const resource = secretResource(secret);
      const answer = resourcePolicy(context, region, secret);
      if (answer.result.kind === 'absent') return out.pass(region, resource, `${secret.Name} has no resource policy`, { api: 'secretsmanager:GetResourcePolicy' });
      if (answer.result.kind !== 'data') return out.unanswered(region, resource, answer);
      const policy = answer.result.data.ResourcePolicy;
      if (!policy) return out.pass(region, resource, `${secret.Name} has no resource policy`, { api: 'secretsmanager:GetResourcePolicy', field: 'ResourcePolicy' });
      if (!parses(policy)) return out.add('ERROR', region, resource, `${secret.Name}: GetResourcePolicy returned a ResourcePolicy that is not valid JSON`, { api: 'secretsmanager:GetResourcePolicy' });
      const open = publicStatements(policy);
      const evidence = { api: 'secretsmanager:GetResourcePolicy', field: 'ResourcePolicy.Statement' };
      if (open.length > 0) out.fail(region, resource, `${secret.Name} is public: ${describePublic(open)}`, evidence);
      else out.pass(region, resource, `${secret.Name}'s resource policy grants no public access`, evidence);
    });
    return out.list;
  },
});
