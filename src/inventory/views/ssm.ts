import type { GetParameterResult, InstanceInformation, ParameterMetadata } from '@aws-sdk/client-ssm';
import { listPerRegion, perResource, type RegionalList, type ResourceAnswer, type ViewContext } from './regional-calls.ts';

/** Typed view of the Systems Manager responses in a snapshot. */
const S = 'ssm';

export function parameters(context: ViewContext): Array<RegionalList<ParameterMetadata>> {
  return listPerRegion<{ Parameters?: ParameterMetadata[] }, ParameterMetadata>(context, S, 'DescribeParameters', (r) => r.Parameters);
}
export function instanceInformation(context: ViewContext): Array<RegionalList<InstanceInformation>> {
  return listPerRegion<{ InstanceInformationList?: InstanceInformation[] }, InstanceInformation>(context, S, 'DescribeInstanceInformation', (r) => r.InstanceInformationList);
}
/** GetParameter for one parameter name, when the collector recorded values (optional). */
export function parameterValue(context: ViewContext, region: string, name: string): ResourceAnswer<GetParameterResult> {
  return perResource<GetParameterResult>(context, S, 'GetParameter', region, name);
}
