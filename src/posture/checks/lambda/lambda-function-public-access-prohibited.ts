import { functionPolicy, functions } from '../../../inventory/views/lambda.ts';
import { defineCheck } from '../../check.ts';
import { describePublic, parses, publicStatements } from '../ec2/_lib/policy.ts';
import { Results } from '../ec2/_lib/results.ts';

/**
 * FSBP Lambda.1 / Config lambda-function-public-access-prohibited: the function's resource-based
 * policy (GetPolicy → Policy) must not allow Principal "*" without a condition narrowing the
 * caller (aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, …). No policy = not public.
 */
export default defineCheck({
  title: 'Lambda function policies should prohibit public access',
  severity: 'CRITICAL',
  resourceType: 'AWS::Lambda::Function',
  description: 'Checks that no statement of the function\'s resource-based policy (lambda:GetPolicy → Policy) allows everyone (Principal "*") without a restricting condition.',
  risk: 'A public function can be invoked (or reconfigured) by anyone, running your code with your role\'s permissions and at your cost.',
  remediation: {
    text: 'Remove the public statement, or add a condition that names the calling account or source ARN.',
    console: 'Lambda console → Functions → select → Configuration → Permissions → Resource-based policy statements → select the public statement → Delete (or Edit to add a source account/ARN).',
    cli: 'aws lambda remove-permission --function-name <fn> --statement-id <sid>',
    cloudformation: 'Type: AWS::Lambda::Permission\nProperties:\n  Action: lambda:InvokeFunction\n  Principal: s3.amazonaws.com\n  SourceAccount: !Ref AWS::AccountId\n  SourceArn: !GetAtt Bucket.Arn',
    terraform: 'resource "aws_lambda_permission" "s3" {\n  action         = "lambda:InvokeFunction"\n  function_name  = aws_lambda_function.this.function_name\n  principal      = "s3.amazonaws.com"\n  source_account = data.aws_caller_identity.current.account_id\n  source_arn     = aws_s3_bucket.this.arn\n}',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-1',
    'https://docs.aws.amazon.com/config/latest/developerguide/lambda-function-public-access-prohibited.html',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::Lambda::Function');
    out.each(functions(context), (fn, region) => {
      const resource = { type: 'AWS::Lambda::Function', id: fn.FunctionArn ?? fn.FunctionName ?? '', name: fn.FunctionName };
      const answer = functionPolicy(context, region, fn);
      if (answer.result.kind === 'absent') return out.pass(region, resource, `${fn.FunctionName} has no resource-based policy (GetPolicy: ${answer.result.error.code})`, { api: 'lambda:GetPolicy' });
      if (answer.result.kind !== 'data') return out.unanswered(region, resource, answer);
      const policy = answer.result.data.Policy ?? '';
      if (!parses(policy)) return out.add('ERROR', region, resource, `${fn.FunctionName}: lambda:GetPolicy returned a Policy that is not valid JSON`, { api: 'lambda:GetPolicy', field: 'Policy' });
      const open = publicStatements(policy);
      const evidence = { api: 'lambda:GetPolicy', field: 'Policy.Statement' };
      if (open.length > 0) out.fail(region, resource, `${fn.FunctionName} is public: ${describePublic(open)}`, evidence);
      else out.pass(region, resource, `${fn.FunctionName}'s resource-based policy grants no public access`, evidence);
    });
    return out.list;
  },
});
