import { defineCheck } from '../../check.ts';
import { listParam } from '../ec2/_lib/results.ts';
import { eachStage, STAGES } from './_lib/stages.ts';

/** FSBP APIGateway.2 / Config api-gw-ssl-enabled (CertificateIDs optional). */
export default defineCheck({
  title: 'API Gateway REST API stages should use client certificates for backend authentication',
  severity: 'MEDIUM',
  resourceType: 'AWS::ApiGateway::Stage',
  description: 'Checks that each REST API stage has a client certificate for backend authentication (GetStages → clientCertificateId), one of CertificateIDs when set.',
  risk: 'Without a client certificate the backend cannot tell API Gateway\'s requests from anyone else\'s.',
  remediation: {
    text: 'Generate a client certificate and attach it to the stage; have the backend verify it.',
    console: 'API Gateway console → Client certificates → Generate; then Stages → select → Edit → Client certificate → choose → Save.',
    cli: 'aws apigateway generate-client-certificate\naws apigateway update-stage --rest-api-id <api> --stage-name <stage> --patch-operations op=replace,path=/clientCertificateId,value=<id>',
    cloudformation: 'Type: AWS::ApiGateway::Stage\nProperties:\n  ClientCertificateId: !Ref ClientCertificate',
    terraform: 'resource "aws_api_gateway_stage" "this" {\n  client_certificate_id = aws_api_gateway_client_certificate.this.id\n}',
  },
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-2', 'https://docs.aws.amazon.com/config/latest/developerguide/api-gw-ssl-enabled.html'],
  parameters: {
    CertificateIDs: { description: 'Comma-separated list of allowed client certificate ids (optional).', default: '' },
  },
  evaluate(context) {
    const allowed = listParam(context.parameters, 'CertificateIDs');
    return eachStage(context, (out, api, stage, region, resource) => {
      const id = stage.clientCertificateId;
      const evidence = { api: STAGES, field: 'clientCertificateId', value: id ?? null };
      if (!id) out.fail(region, resource, `${api.name}/${stage.stageName} has no client certificate (clientCertificateId is empty)`, evidence);
      else if (allowed && !allowed.includes(id)) out.fail(region, resource, `${api.name}/${stage.stageName} uses client certificate ${id}, not one of ${allowed.join(', ')}`, evidence);
      else out.pass(region, resource, `${api.name}/${stage.stageName} uses client certificate ${id}`, evidence);
    });
  },
});
