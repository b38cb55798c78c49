import { defineCheck } from '../../check.ts';
import { eachStage, STAGES } from './_lib/stages.ts';

/** FSBP APIGateway.3 / Config api-gw-xray-enabled. */
export default defineCheck({
  title: 'API Gateway REST API stages should have AWS X-Ray tracing enabled',
  severity: 'LOW',
  resourceType: 'AWS::ApiGateway::Stage',
  description: 'Checks that X-Ray active tracing is on for each REST API stage (GetStages → tracingEnabled).',
  risk: 'Without tracing, following a suspicious request through the backend services is guesswork.',
  remediation: {
    text: 'Enable X-Ray tracing on the stage.',
    console: 'API Gateway console → APIs → select → Stages → select → Logs/tracing → X-Ray tracing → Enable → Save changes.',
    cli: 'aws apigateway update-stage --rest-api-id <api> --stage-name <stage> --patch-operations op=replace,path=/tracingEnabled,value=true',
    cloudformation: 'Type: AWS::ApiGateway::Stage\nProperties:\n  TracingEnabled: true',
    terraform: 'resource "aws_api_gateway_stage" "this" {\n  xray_tracing_enabled = true\n}',
  },
  references: ['https://docs.aws.amazon.com/xray/latest/devguide/xray-services-apigateway.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-3', 'https://docs.aws.amazon.com/config/latest/developerguide/api-gw-xray-enabled.html'],
  evaluate: (context) =>
    eachStage(context, (out, api, stage, region, resource) => {
      const evidence = { api: STAGES, field: 'tracingEnabled', value: stage.tracingEnabled ?? false };
      if (stage.tracingEnabled === true) out.pass(region, resource, `${api.name}/${stage.stageName} has X-Ray tracing`, evidence);
      else out.fail(region, resource, `${api.name}/${stage.stageName} has X-Ray tracing off (tracingEnabled = false)`, evidence);
    }),
});
