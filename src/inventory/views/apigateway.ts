import type { RestApi, Stage } from '@aws-sdk/client-api-gateway';
import { listPerRegion, perResource, type RegionalList, type ResourceAnswer, type ViewContext } from './regional-calls.ts';

/** Typed view of the API Gateway (REST APIs) responses in a snapshot. */
const S = 'api-gateway';

export function restApis(context: ViewContext): Array<RegionalList<RestApi>> {
  return listPerRegion<{ items?: RestApi[] }, RestApi>(context, S, 'GetRestApis', (r) => r.items);
}
/** GetStages, keyed by REST API id. */
export function stages(context: ViewContext, region: string, restApiId: string): ResourceAnswer<{ item?: Stage[] }> {
  return perResource(context, S, 'GetStages', region, restApiId);
}
export function stageArn(partition: string, region: string, restApiId: string, stageName: string): string {
  return `arn:${partition}:apigateway:${region}::/restapis/${restApiId}/stages/${stageName}`;
}
