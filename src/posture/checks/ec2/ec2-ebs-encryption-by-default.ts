import { ebsEncryptionByDefault } from '../../../inventory/views/ec2.ts';
import { defineCheck } from '../../check.ts';
import { Results } from './_lib/results.ts';

/** CIS 5.1.1 / FSBP EC2.7 / Config ec2-ebs-encryption-by-default: one result per account and region. */
export default defineCheck({
  title: 'EBS default encryption should be enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::::Account',
  description: 'Checks, in every collected region, that Amazon EBS encryption by default is enabled (GetEbsEncryptionByDefault → EbsEncryptionByDefault).',
  risk: 'Without encryption by default, new volumes and snapshot copies can be created unencrypted, leaving data at rest readable to anyone who obtains the volume or a shared snapshot.',
  remediation: {
    text: 'Enable EBS encryption by default in every region you use (it applies to new volumes only).',
    console: 'EC2 console → Settings (Account attributes → Data protection and security) → EBS encryption → Manage → Enable → Update EBS encryption.',
    cli: 'aws ec2 enable-ebs-encryption-by-default --region <region>',
    terraform: 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = true\n}',
  },
  references: [
    'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-7',
    'https://docs.aws.amazon.com/config/latest/developerguide/ec2-ebs-encryption-by-default.html',
    'https://www.cisecurity.org/benchmark/amazon_web_services',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::::Account');
    for (const region of context.regions) {
      const resource = { type: 'AWS::::Account', id: context.account.id };
      const call = ebsEncryptionByDefault(context, region);
      if (call.kind !== 'data') {
        out.unavailable(region, resource, 'ec2', 'GetEbsEncryptionByDefault', call);
        continue;
      }
      const evidence = { api: 'ec2:GetEbsEncryptionByDefault', field: 'EbsEncryptionByDefault', value: call.data.EbsEncryptionByDefault ?? null };
      if (call.data.EbsEncryptionByDefault === true) out.pass(region, resource, `EBS encryption by default is enabled in ${region}`, evidence);
      else out.fail(region, resource, `EbsEncryptionByDefault is ${String(call.data.EbsEncryptionByDefault ?? false)} in ${region}: new EBS volumes are not encrypted by default`, evidence);
    }
    return out.list;
  },
});
