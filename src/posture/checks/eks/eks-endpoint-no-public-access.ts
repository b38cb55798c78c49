import { defineCheck } from '../../check.ts';
import { eachCluster } from './_lib/clusters.ts';

/** FSBP EKS.1 / Config eks-endpoint-no-public-access. */
export default defineCheck({
  title: 'EKS cluster endpoints should not be publicly accessible',
  severity: 'HIGH',
  resourceType: 'AWS::EKS::Cluster',
  description: 'Checks that the Kubernetes API endpoint is not public (DescribeCluster → cluster.resourcesVpcConfig.endpointPublicAccess).',
  risk: 'A public API server endpoint exposes Kubernetes authentication and any API vulnerability to the internet.',
  remediation: {
    text: 'Enable private endpoint access and disable public access (or at least restrict publicAccessCidrs).',
    console: 'EKS console → Clusters → select → Networking → Manage endpoint access → Private → Save changes.',
    cli: 'aws eks update-cluster-config --name <cluster> --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true',
    cloudformation: 'ResourcesVpcConfig:\n  EndpointPublicAccess: false\n  EndpointPrivateAccess: true',
    terraform: 'vpc_config {\n  endpoint_public_access  = false\n  endpoint_private_access = true\n}',
  },
  references: ['https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-1', 'https://docs.aws.amazon.com/config/latest/developerguide/eks-endpoint-no-public-access.html'],
  evaluate: (context) =>
    eachCluster(context, (out, cluster, region, resource) => {
      const vpc = cluster.resourcesVpcConfig;
      const evidence = { api: 'eks:DescribeCluster', field: 'cluster.resourcesVpcConfig.endpointPublicAccess', value: vpc?.endpointPublicAccess ?? null, publicAccessCidrs: vpc?.publicAccessCidrs ?? [] };
      if (vpc?.endpointPublicAccess === false) out.pass(region, resource, `${cluster.name}'s API endpoint is private only`, evidence);
      else out.fail(region, resource, `${cluster.name}'s API endpoint is public (endpointPublicAccess = true, publicAccessCidrs ${(vpc?.publicAccessCidrs ?? ['0.0.0.0/0']).join(', ')})`, evidence);
    }),
});
