import { defineCheck } from '../../check.ts';
import { listParam } from '../ec2/_lib/results.ts';
import { eachStage, STAGES } from './_lib/stages.ts';

/** FSBP APIGateway.4 / Config api-gw-associated-with-waf (WebAclArns optional); the baseline "WAF on API Gateway". */
export default defineCheck({
  title: 'API Gateway REST API stages should be associated with a WAF web ACL',
  severity: 'MEDIUM',
  resourceType: 'AWS::ApiGateway::Stage',
  description: 'Checks that each REST API stage is protected by a WAFv2 web ACL (GetStages → webAclArn), one of WebAclArns when set.',
  risk: 'A public API without a web ACL takes injection, credential-stuffing and flood traffic straight to its integrations.',
  remediation: {
    text: 'Associate a regional WAFv2 web ACL with the stage.',
    console: 'WAF & Shield console → Web ACLs → select (Regional, same region) → Associated AWS resources → Add → API Gateway REST API → select the stage → Add.',
    cli: 'aws wafv2 associate-web-acl --web-acl-arn <acl-arn> --resource-arn arn:aws:apigateway:<region>::/restapis/<api>/stages/<stage>',
    cloudformation: 'Type: AWS::WAFv2::WebACLAssociation\nProperties:\n  ResourceArn: !Sub arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/prod\n  WebACLArn: !GetAtt WebAcl.Arn',
    terraform: 'resource "aws_wafv2_web_acl_association" "api" {\n  resource_arn = aws_api_gateway_stage.this.arn\n  web_acl_arn  = aws_wafv2_web_acl.this.arn\n}',
  },
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-4', 'https://docs.aws.amazon.com/config/latest/developerguide/api-gw-associated-with-waf.html'],
  parameters: {
    WebAclArns: { description: 'Comma-separated list of allowed web ACL ARNs (optional).', default: '' },
  },
  evaluate(context) {
    const allowed = listParam(context.parameters, 'WebAclArns');
    return eachStage(context, (out, api, stage, region, resource) => {
      const acl = stage.webAclArn;
      const evidence = { api: STAGES, field: 'webAclArn', value: acl ?? null };
      if (!acl) out.fail(region, resource, `${api.name}/${stage.stageName} has no web ACL (webAclArn is empty)`, evidence);
      else if (allowed && !allowed.includes(acl)) out.fail(region, resource, `${api.name}/${stage.stageName} uses web ACL ${acl}, not one of ${allowed.join(', ')}`, evidence);
      else out.pass(region, resource, `${api.name}/${stage.stageName} is protected by ${acl}`, evidence);
    });
  },
});
