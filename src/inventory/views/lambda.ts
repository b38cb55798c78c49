import type { FunctionConfiguration, GetPolicyResponse } from '@aws-sdk/client-lambda';
import { listPerRegion, perResource, type RegionalList, type ResourceAnswer, type ViewContext } from './regional-calls.ts';

/** Typed view of the Lambda responses in a snapshot. */
const S = 'lambda';

export function functions(context: ViewContext): Array<RegionalList<FunctionConfiguration>> {
  return listPerRegion<{ Functions?: FunctionConfiguration[] }, FunctionConfiguration>(context, S, 'ListFunctions', (r) => r.Functions);
}
/** GetPolicy for one function, keyed by function name (ResourceNotFoundException = no policy). */
export function functionPolicy(context: ViewContext, region: string, fn: FunctionConfiguration): ResourceAnswer<GetPolicyResponse> {
  return perResource<GetPolicyResponse>(context, S, 'GetPolicy', region, fn.FunctionName, fn.FunctionArn);
}

/** GetFunctionUrlConfig for one function (ResourceNotFoundException = the function has no URL). */
export function functionUrlConfig(context: ViewContext, region: string, fn: FunctionConfiguration): ResourceAnswer<{ FunctionUrl?: string; AuthType?: string }> {
  return perResource(context, S, 'GetFunctionUrlConfig', region, fn.FunctionName, fn.FunctionArn);
}
