import type { RestApi, Stage } from '@aws-sdk/client-api-gateway';
import { restApis, stageArn, stages } from '../../../../inventory/views/apigateway.ts';
import type { ResourceRef } from '../../../../core/finding.ts';
import type { CheckContext, CheckResult } from '../../../check.ts';
import { Results } from '../../ec2/_lib/results.ts';

/** Walks REST API stages (GetRestApis, then GetStages per API id); a failed GetStages is ERROR for that API. */
export function eachStage(context: CheckContext, visit: (out: Results, api: RestApi, stage: Stage, region: string, resource: ResourceRef) => void): CheckResult[] {
  const out = new Results(context, 'AWS::ApiGateway::Stage');
  out.each(restApis(context), (api, region) => {
    const answer = stages(context, region, api.id ?? '');
    if (answer.result.kind !== 'data') return out.unanswered(region, { type: 'AWS::ApiGateway::RestApi', id: `arn:${out.partition}:apigateway:${region}::/restapis/${api.id}`, name: api.name }, answer);
    for (const stage of answer.result.data.item ?? []) {
      visit(out, api, stage, region, { type: 'AWS::ApiGateway::Stage', id: stageArn(out.partition, region, api.id ?? '', stage.stageName ?? ''), name: `${api.name}/${stage.stageName}` });
    }
  });
  return out.list;
}

export const STAGES = 'api-gateway:GetStages';
