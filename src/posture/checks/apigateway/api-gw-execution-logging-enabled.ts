import { defineCheck } from '../../check.ts';
import { listParam } from '../ec2/_lib/results.ts';
import { eachStage, STAGES } from './_lib/stages.ts';

/** FSBP APIGateway.1 / Config api-gw-execution-logging-enabled (loggingLevel: ERROR,INFO). */
export default defineCheck({
  title: 'API Gateway REST API execution logging should be enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::ApiGateway::Stage',
  description: 'Checks that every method of each REST API stage logs at one of loggingLevel (GetStages → methodSettings["*/*"].loggingLevel, and any per-method override).',
  risk: 'Without execution logs, failed authorizations, injection attempts and errors leave no trace.',
  remediation: {
    text: 'Set CloudWatch execution logging to ERROR or INFO for all methods of the stage (an account-level CloudWatch role is required).',
    console: 'API Gateway console → APIs → select → Stages → select → Logs/tracing → CloudWatch Logs: Errors and info logs → Save changes.',
    cli: 'aws apigateway update-stage --rest-api-id <api> --stage-name <stage> --patch-operations op=replace,path=/*/*/logging/loglevel,value=INFO',
    cloudformation: 'Type: AWS::ApiGateway::Stage\nProperties:\n  MethodSettings:\n    - ResourcePath: "/*"\n      HttpMethod: "*"\n      LoggingLevel: INFO',
    terraform: 'resource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = aws_api_gateway_rest_api.this.id\n  stage_name  = aws_api_gateway_stage.this.stage_name\n  method_path = "*/*"\n  settings {\n    logging_level = "INFO"\n  }\n}',
  },
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-1', 'https://docs.aws.amazon.com/config/latest/developerguide/api-gw-execution-logging-enabled.html'],
  parameters: {
    loggingLevel: { description: 'Comma-separated logging levels that count as enabled (ERROR, INFO).', default: 'ERROR,INFO' },
  },
  evaluate(context) {
    const levels = (listParam(context.parameters, 'loggingLevel') ?? ['ERROR', 'INFO']).map((level) => level.toUpperCase());
    return eachStage(context, (out, api, stage, region, resource) => {
      const settings = Object.entries(stage.methodSettings ?? {});
      const all = stage.methodSettings?.['*/*']?.loggingLevel;
      const off = settings.filter(([, s]) => !levels.includes(String(s.loggingLevel ?? 'OFF').toUpperCase())).map(([path]) => path);
      const evidence = { api: STAGES, field: 'methodSettings[*].loggingLevel', all: all ?? null, off };
      if (settings.length === 0 || off.length > 0) out.fail(region, resource, `${api.name}/${stage.stageName} does not log execution at ${levels.join(' or ')} for ${settings.length === 0 ? 'any method (no methodSettings)' : off.join(', ')}`, evidence);
      else out.pass(region, resource, `${api.name}/${stage.stageName} logs execution (${all ?? 'per method'})`, evidence);
    });
  },
});
