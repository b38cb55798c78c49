import { defineCheck } from '../../check.ts';
import { eachCluster } from './_lib/clusters.ts';

/** FSBP EKS.3 / Config eks-secrets-encrypted: envelope encryption of Kubernetes secrets with KMS. */
export default defineCheck({
  title: 'EKS clusters should use encrypted Kubernetes secrets',
  severity: 'MEDIUM',
  resourceType: 'AWS::EKS::Cluster',
  description: 'Checks that the cluster encrypts Kubernetes secrets with a KMS key (DescribeCluster → cluster.encryptionConfig[].resources includes "secrets").',
  risk: 'Without envelope encryption, secrets in etcd are protected only by the default storage encryption, with no key you control or audit.',
  remediation: {
    text: 'Associate a KMS key for secrets encryption (cannot be removed once enabled).',
    console: 'EKS console → Clusters → select → Overview → Secrets encryption → Enable → choose a KMS key → Enable.',
    cli: 'aws eks associate-encryption-config --cluster-name <cluster> --encryption-config \'[{"resources":["secrets"],"provider":{"keyArn":"<key-arn>"}}]\'',
    cloudformation: 'EncryptionConfig:\n  - Resources: [secrets]\n    Provider:\n      KeyArn: !GetAtt Key.Arn',
    terraform: 'encryption_config {\n  resources = ["secrets"]\n  provider {\n    key_arn = aws_kms_key.eks.arn\n  }\n}',
  },
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-3', 'https://docs.aws.amazon.com/config/latest/developerguide/eks-secrets-encrypted.html'],
  evaluate: (context) =>
    eachCluster(context, (out, cluster, region, resource) => {
      const config = (cluster.encryptionConfig ?? []).find((entry) => (entry.resources ?? []).includes('secrets'));
      const evidence = { api: 'eks:DescribeCluster', field: 'cluster.encryptionConfig', key: config?.provider?.keyArn ?? null };
      if (config) out.pass(region, resource, `${cluster.name} encrypts secrets with ${config.provider?.keyArn ?? 'a KMS key'}`, evidence);
      else out.fail(region, resource, `${cluster.name} does not encrypt Kubernetes secrets with KMS (no encryptionConfig for "secrets")`, evidence);
    }),
});
