import { lifecyclePolicy, repositories } from '../../../inventory/views/ecr.ts';
import { defineCheck } from '../../check.ts';
import { Results } from '../ec2/_lib/results.ts';

/** FSBP ECR.3 / Config ecr-private-lifecycle-policy-configured (needs GetLifecyclePolicy per repository). */
export default defineCheck({
  title: 'ECR repositories should have at least one lifecycle policy configured',
  severity: 'MEDIUM',
  resourceType: 'AWS::ECR::Repository',
  description: 'Checks that each private repository has a lifecycle policy (GetLifecyclePolicy → lifecyclePolicyText; LifecyclePolicyNotFoundException means none).',
  risk: 'Without a lifecycle policy, old and vulnerable images pile up and stay pullable long after they should have been retired.',
  remediation: {
    text: 'Add a lifecycle policy that expires untagged images and keeps only the recent tagged ones.',
    console: 'ECR console → Repositories → select → Lifecycle Policy → Create rule → e.g. expire untagged images older than 14 days → Save.',
    cli: 'aws ecr put-lifecycle-policy --repository-name <repo> --lifecycle-policy-text file://policy.json',
    cloudformation: 'Type: AWS::ECR::Repository\nProperties:\n  LifecyclePolicy:\n    LifecyclePolicyText: \'{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}\'',
    terraform: 'resource "aws_ecr_lifecycle_policy" "this" {\n  repository = aws_ecr_repository.this.name\n  policy     = file("lifecycle.json")\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-3', 'https://docs.aws.amazon.com/config/latest/developerguide/ecr-private-lifecycle-policy-configured.html'],
  evaluate(context) {
    const out = new Results(context, 'AWS::ECR::Repository');
    out.each(repositories(context), (repo, region) => {
      const resource = { type: 'AWS::ECR::Repository', id: repo.repositoryArn ?? repo.repositoryName ?? '', name: repo.repositoryName };
      const answer = lifecyclePolicy(context, region, repo);
      if (answer.result.kind === 'absent') return out.fail(region, resource, `${repo.repositoryName} has no lifecycle policy (GetLifecyclePolicy: ${answer.result.error.code})`, { api: 'ecr:GetLifecyclePolicy' });
      if (answer.result.kind !== 'data') return out.unanswered(region, resource, answer);
      const text = answer.result.data.lifecyclePolicyText;
      if (text) out.pass(region, resource, `${repo.repositoryName} has a lifecycle policy`, { api: 'ecr:GetLifecyclePolicy', field: 'lifecyclePolicyText' });
      else out.fail(region, resource, `${repo.repositoryName} has an empty lifecycle policy (lifecyclePolicyText)`, { api: 'ecr:GetLifecyclePolicy', field: 'lifecyclePolicyText' });
    });
    return out.list;
  },
});
