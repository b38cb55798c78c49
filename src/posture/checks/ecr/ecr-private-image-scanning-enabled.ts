import { repositories } from '../../../inventory/views/ecr.ts';
import { defineCheck } from '../../check.ts';
import { Results } from '../ec2/_lib/results.ts';

/** FSBP ECR.1 / Config ecr-private-image-scanning-enabled: scan on push per repository. */
export default defineCheck({
  title: 'ECR private repositories should have image scanning configured',
  severity: 'HIGH',
  resourceType: 'AWS::ECR::Repository',
  description: 'Checks that each private repository scans images on push (DescribeRepositories → imageScanningConfiguration.scanOnPush). Registry-level enhanced scanning (Inspector) is reported by the Inspector checks.',
  risk: 'Images with known vulnerabilities get deployed without anyone being told.',
  remediation: {
    text: 'Turn on scan on push (or enhanced scanning with Amazon Inspector for the registry).',
    console: 'ECR console → Repositories → select → Edit → Scan on push → On → Save.',
    cli: 'aws ecr put-image-scanning-configuration --repository-name <repo> --image-scanning-configuration scanOnPush=true',
    cloudformation: 'Type: AWS::ECR::Repository\nProperties:\n  ImageScanningConfiguration:\n    ScanOnPush: true',
    terraform: 'resource "aws_ecr_repository" "this" {\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-1', 'https://docs.aws.amazon.com/config/latest/developerguide/ecr-private-image-scanning-enabled.html'],
  evaluate(context) {
    const out = new Results(context, 'AWS::ECR::Repository');
    out.each(repositories(context), (repo, region) => {
      const resource = { type: 'AWS::ECR::Repository', id: repo.repositoryArn ?? repo.repositoryName ?? '', name: repo.repositoryName };
      const on = repo.imageScanningConfiguration?.scanOnPush === true;
      const evidence = { api: 'ecr:DescribeRepositories', field: 'imageScanningConfiguration.scanOnPush', value: on };
      if (on) out.pass(region, resource, `${repo.repositoryName} scans images on push`, evidence);
      else out.fail(region, resource, `${repo.repositoryName} does not scan images on push (imageScanningConfiguration.scanOnPush = false)`, evidence);
    });
    return out.list;
  },
});
