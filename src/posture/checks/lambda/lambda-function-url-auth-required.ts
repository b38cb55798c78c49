import { functions, functionUrlConfig } from '../../../inventory/views/lambda.ts';
import { defineCheck } from '../../check.ts';
import { Results } from '../ec2/_lib/results.ts';

/**
 * Baseline practice: a Lambda function URL with AuthType NONE can be called by anyone on the
 * internet (given the matching resource-policy statement, which the console adds). Functions
 * without a URL (GetFunctionUrlConfig → ResourceNotFoundException) are NOT_APPLICABLE.
 */
export default defineCheck({
  title: 'Lambda function URLs should require IAM authentication',
  severity: 'HIGH',
  resourceType: 'AWS::Lambda::Url',
  description: 'Checks that each Lambda function URL uses AuthType AWS_IAM rather than NONE (GetFunctionUrlConfig → AuthType).',
  risk: 'An unauthenticated function URL is a public HTTPS endpoint that runs your code with the function\'s role for any caller, and bills you for every request.',
  remediation: {
    text: 'Set the function URL\'s auth type to AWS_IAM (callers sign requests with SigV4), or put the function behind API Gateway or CloudFront with authentication; remove the public lambda:InvokeFunctionUrl statement.',
    console: 'Lambda console → Functions → select → Configuration → Function URL → Edit → Auth type: AWS_IAM → Save.',
    cli: 'aws lambda update-function-url-config --function-name <fn> --auth-type AWS_IAM\naws lambda remove-permission --function-name <fn> --statement-id FunctionURLAllowPublicAccess',
    cloudformation: 'Type: AWS::Lambda::Url\nProperties:\n  TargetFunctionArn: !GetAtt Function.Arn\n  AuthType: AWS_IAM',
    terraform: 'resource "aws_lambda_function_url" "this" {\n  function_name      = aws_lambda_function.this.function_name\n  authorization_type = "AWS_IAM"\n}',
  },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html', 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-urls.html'],
  evaluate(context) {
    const out = new Results(context, 'AWS::Lambda::Url');
    out.each(functions(context), (fn, region) => {
      const resource = { type: 'AWS::Lambda::Url', id: fn.FunctionArn ?? fn.FunctionName ?? '', name: fn.FunctionName };
      const answer = functionUrlConfig(context, region, fn);
      if (answer.result.kind === 'absent') return out.notApplicable(region, resource, `${fn.FunctionName} has no function URL`);
      if (answer.result.kind !== 'data') return out.unanswered(region, resource, answer);
      const { AuthType, FunctionUrl } = answer.result.data;
      const evidence = { api: 'lambda:GetFunctionUrlConfig', field: 'AuthType', value: AuthType ?? null };
      if (AuthType === 'AWS_IAM') out.pass(region, resource, `${fn.FunctionName}'s URL requires IAM authentication`, evidence);
      else out.fail(region, resource, `${fn.FunctionName}'s URL ${FunctionUrl ?? ''} accepts unauthenticated calls (AuthType = ${AuthType ?? 'unset'})`, evidence);
    });
    return out.list;
  },
});
