import { defineCheck } from '../../check.ts';
import { stringParam } from '../ec2/_lib/results.ts';
import { eachCluster } from './_lib/clusters.ts';

/** FSBP EKS.2 / Config eks-cluster-supported-version (oldestVersionSupported). */
export default defineCheck({
  title: 'EKS clusters should run on a supported Kubernetes version',
  severity: 'HIGH',
  resourceType: 'AWS::EKS::Cluster',
  description: 'Checks that each cluster\'s Kubernetes version (DescribeCluster → cluster.version) is not older than oldestVersionSupported.',
  risk: 'Versions past standard support stop getting security patches (or cost extended-support fees) and are eventually force-upgraded.',
  remediation: {
    text: 'Upgrade the control plane one minor version at a time, then the node groups and add-ons.',
    console: 'EKS console → Clusters → select → Upgrade now → choose the next version → Update.',
    cli: 'aws eks update-cluster-version --name <cluster> --kubernetes-version <next-version>',
    cloudformation: 'Type: AWS::EKS::Cluster\nProperties:\n  Version: "1.33"',
    terraform: 'resource "aws_eks_cluster" "this" {\n  version = "1.33"\n}',
  },
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-2', 'https://docs.aws.amazon.com/config/latest/developerguide/eks-cluster-supported-version.html'],
  parameters: {
    oldestVersionSupported: { description: 'Oldest Kubernetes version still in standard support.', default: '1.31' },
  },
  evaluate(context) {
    const oldest = stringParam(context.parameters, 'oldestVersionSupported') ?? '1.31';
    return eachCluster(context, (out, cluster, region, resource) => {
      const version = cluster.version ?? '';
      const evidence = { api: 'eks:DescribeCluster', field: 'cluster.version', value: version || null };
      if (!version) return out.add('ERROR', region, resource, `${cluster.name}: DescribeCluster gives no cluster.version`, evidence);
      if (compareVersions(version, oldest) < 0) out.fail(region, resource, `${cluster.name} runs Kubernetes ${version} (cluster.version), older than ${oldest}`, evidence);
      else out.pass(region, resource, `${cluster.name} runs Kubernetes ${version}`, evidence);
    });
  },
});

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
