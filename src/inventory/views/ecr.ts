import type { GetLifecyclePolicyResponse, GetRepositoryPolicyResponse, Repository } from '@aws-sdk/client-ecr';
import { listPerRegion, perResource, type RegionalList, type ResourceAnswer, type ViewContext } from './regional-calls.ts';

/** Typed view of the ECR responses in a snapshot. */
const S = 'ecr';

export function repositories(context: ViewContext): Array<RegionalList<Repository>> {
  return listPerRegion<{ repositories?: Repository[] }, Repository>(context, S, 'DescribeRepositories', (r) => r.repositories);
}
/** GetRepositoryPolicy, keyed by repository name (RepositoryPolicyNotFoundException = no policy). */
export function repositoryPolicy(context: ViewContext, region: string, repo: Repository): ResourceAnswer<GetRepositoryPolicyResponse> {
  return perResource<GetRepositoryPolicyResponse>(context, S, 'GetRepositoryPolicy', region, repo.repositoryName, repo.repositoryArn);
}
/** GetLifecyclePolicy, keyed by repository name (LifecyclePolicyNotFoundException = none). */
export function lifecyclePolicy(context: ViewContext, region: string, repo: Repository): ResourceAnswer<GetLifecyclePolicyResponse> {
  return perResource<GetLifecyclePolicyResponse>(context, S, 'GetLifecyclePolicy', region, repo.repositoryName, repo.repositoryArn);
}
