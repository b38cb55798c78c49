import { repositories, repositoryPolicy } from '../../../inventory/views/ecr.ts';
import { defineCheck } from '../../check.ts';
import { describePublic, parses, publicStatements } from '../ec2/_lib/policy.ts';
import { Results } from '../ec2/_lib/results.ts';

/** Baseline practice: a private repository's policy (GetRepositoryPolicy → policyText) must not allow everyone. */
export default defineCheck({
  title: 'ECR repository policies should not allow public access',
  severity: 'HIGH',
  resourceType: 'AWS::ECR::Repository',
  description: 'Checks that no statement of the repository policy (GetRepositoryPolicy → policyText) allows Principal "*" without a condition narrowing the caller. RepositoryPolicyNotFoundException means no policy.',
  risk: 'A public repository lets anyone pull your images (with embedded code and secrets) or, with push rights, replace them.',
  remediation: {
    text: 'Remove the "*" principal or restrict it with aws:PrincipalOrgID.',
    console: 'ECR console → Repositories → select → Permissions → Edit policy JSON → remove or narrow the public statement → Save.',
    cli: 'aws ecr set-repository-policy --repository-name <repo> --policy-text file://policy.json',
    cloudformation: 'RepositoryPolicyText:\n  Statement:\n    - Effect: Allow\n      Principal: {AWS: arn:aws:iam::111122223333:root}\n      Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]',
    terraform: 'resource "aws_ecr_repository_policy" "this" {\n  repository = aws_ecr_repository.this.name\n  policy     = data.aws_iam_policy_document.repo.json\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html'],
  evaluate(context) {
    const out = new Results(context, 'AWS::ECR::Repository');
    out.each(repositories(context), (repo, region) => {
      const resource = { type: 'AWS::ECR::Repository', id: repo.repositoryArn ?? repo.repositoryName ?? '', name: repo.repositoryName };
      const answer = repositoryPolicy(context, region, repo);
      if (answer.result.kind === 'absent') return out.pass(region, resource, `${repo.repositoryName} has no repository policy`, { api: 'ecr:GetRepositoryPolicy' });
      if (answer.result.kind !== 'data') return out.unanswered(region, resource, answer);
      const policy = answer.result.data.policyText ?? '';
      if (!parses(policy)) return out.add('ERROR', region, resource, `${repo.repositoryName}: GetRepositoryPolicy returned a policyText that is not valid JSON`, { api: 'ecr:GetRepositoryPolicy' });
      const open = publicStatements(policy);
      const evidence = { api: 'ecr:GetRepositoryPolicy', field: 'policyText.Statement' };
      if (open.length > 0) out.fail(region, resource, `${repo.repositoryName} is public: ${describePublic(open)}`, evidence);
      else out.pass(region, resource, `${repo.repositoryName}'s repository policy grants no public access`, evidence);
    });
    return out.list;
  },
});
