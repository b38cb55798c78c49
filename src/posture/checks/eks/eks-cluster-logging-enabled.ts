import { defineCheck } from '../../check.ts';
import { listParam } from '../ec2/_lib/results.ts';
import { eachCluster } from './_lib/clusters.ts';

/** FSBP EKS.8 (audit) / Config eks-cluster-logging-enabled (logTypes, default audit). */
export default defineCheck({
  title: 'EKS clusters should have audit logging enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::EKS::Cluster',
  description: 'Checks that the cluster sends the required control-plane log types (default: audit) to CloudWatch Logs (DescribeCluster → cluster.logging.clusterLogging[] enabled types).',
  risk: 'Without the audit log there is no record of who did what through the Kubernetes API.',
  remediation: {
    text: 'Enable the audit (and ideally api, authenticator) control-plane logs.',
    console: 'EKS console → Clusters → select → Observability → Control plane logging → Manage logging → Audit: On → Save changes.',
    cli: 'aws eks update-cluster-config --name <cluster> --logging \'{"clusterLogging":[{"types":["audit","authenticator"],"enabled":true}]}\'',
    cloudformation: 'Logging:\n  ClusterLogging:\n    EnabledTypes:\n      - Type: audit\n      - Type: authenticator',
    terraform: 'resource "aws_eks_cluster" "this" {\n  enabled_cluster_log_types = ["audit", "authenticator"]\n}',
  },
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-8', 'https://docs.aws.amazon.com/config/latest/developerguide/eks-cluster-logging-enabled.html'],
  parameters: {
    logTypes: { description: 'Control-plane log types that must be enabled (api, audit, authenticator, controllerManager, scheduler).', default: ['audit'] },
  },
  evaluate(context) {
    const required = listParam(context.parameters, 'logTypes') ?? ['audit'];
    return eachCluster(context, (out, cluster, region, resource) => {
      const enabled = (cluster.logging?.clusterLogging ?? []).filter((entry) => entry.enabled === true).flatMap((entry) => entry.types ?? []);
      const missing = required.filter((type) => !enabled.includes(type as never));
      const evidence = { api: 'eks:DescribeCluster', field: 'cluster.logging.clusterLogging', enabled };
      if (missing.length > 0) out.fail(region, resource, `${cluster.name} does not log ${missing.join(', ')} (enabled: ${enabled.join(', ') || 'none'})`, evidence);
      else out.pass(region, resource, `${cluster.name} logs ${required.join(', ')}`, evidence);
    });
  },
});
