import { repositories } from '../../../inventory/views/ecr.ts';
import { defineCheck } from '../../check.ts';
import { Results } from '../ec2/_lib/results.ts';

/** FSBP ECR.2 / Config ecr-private-tag-immutability-enabled. */
export default defineCheck({
  title: 'ECR private repositories should have tag immutability configured',
  severity: 'MEDIUM',
  resourceType: 'AWS::ECR::Repository',
  description: 'Checks that image tags cannot be overwritten (DescribeRepositories → imageTagMutability = IMMUTABLE or IMMUTABLE_WITH_EXCLUSION).',
  risk: 'With mutable tags, anyone able to push can silently replace the image a deployment pulls by tag.',
  remediation: {
    text: 'Set tag immutability on the repository.',
    console: 'ECR console → Repositories → select → Edit → Tag immutability → Immutable → Save.',
    cli: 'aws ecr put-image-tag-mutability --repository-name <repo> --image-tag-mutability IMMUTABLE',
    cloudformation: 'Type: AWS::ECR::Repository\nProperties:\n  ImageTagMutability: IMMUTABLE',
    terraform: 'resource "aws_ecr_repository" "this" {\n  image_tag_mutability = "IMMUTABLE"\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-2', 'https://docs.aws.amazon.com/config/latest/developerguide/ecr-private-tag-immutability-enabled.html'],
  evaluate(context) {
    const out = new Results(context, 'AWS::ECR::Repository');
    out.each(repositories(context), (repo, region) => {
      const resource = { type: 'AWS::ECR::Repository', id: repo.repositoryArn ?? repo.repositoryName ?? '', name: repo.repositoryName };
      const value = String(repo.imageTagMutability ?? 'MUTABLE');
      const evidence = { api: 'ecr:DescribeRepositories', field: 'imageTagMutability', value };
      if (value.startsWith('IMMUTABLE')) out.pass(region, resource, `${repo.repositoryName} has immutable tags (${value})`, evidence);
      else out.fail(region, resource, `${repo.repositoryName} has mutable tags (imageTagMutability = ${value})`, evidence);
    });
    return out.list;
  },
});
