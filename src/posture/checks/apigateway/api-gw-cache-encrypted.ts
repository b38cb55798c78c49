import { defineCheck } from '../../check.ts';
import { eachStage, STAGES } from './_lib/stages.ts';

/** FSBP APIGateway.5: methods that cache must encrypt the cache; stages without caching are NOT_APPLICABLE. */
export default defineCheck({
  title: 'API Gateway REST API cache data should be encrypted at rest',
  severity: 'MEDIUM',
  resourceType: 'AWS::ApiGateway::Stage',
  description: 'Checks that every method with caching enabled encrypts its cache (GetStages → methodSettings[*].cachingEnabled, cacheDataEncrypted).',
  risk: 'Cached responses can hold personal or sensitive data; unencrypted, they sit in clear on the cache cluster.',
  remediation: {
    text: 'Turn on cache encryption for every cached method.',
    console: 'API Gateway console → APIs → select → Stages → select → Stage details → Edit → Cache settings → Encrypt cache data → Save.',
    cli: 'aws apigateway update-stage --rest-api-id <api> --stage-name <stage> --patch-operations op=replace,path=/*/*/caching/dataEncrypted,value=true',
    cloudformation: 'MethodSettings:\n  - ResourcePath: "/*"\n    HttpMethod: "*"\n    CachingEnabled: true\n    CacheDataEncrypted: true',
    terraform: 'settings {\n  caching_enabled      = true\n  cache_data_encrypted = true\n}',
  },
  references: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-5'],
  evaluate: (context) =>
    eachStage(context, (out, api, stage, region, resource) => {
      const cached = Object.entries(stage.methodSettings ?? {}).filter(([, s]) => s.cachingEnabled === true);
      if (cached.length === 0) return out.notApplicable(region, resource, `${api.name}/${stage.stageName} caches no method`);
      const clear = cached.filter(([, s]) => s.cacheDataEncrypted !== true).map(([path]) => path);
      const evidence = { api: STAGES, field: 'methodSettings[*].cacheDataEncrypted', methods: clear };
      if (clear.length > 0) out.fail(region, resource, `${api.name}/${stage.stageName} caches without encryption for ${clear.join(', ')} (cacheDataEncrypted = false)`, evidence);
      else out.pass(region, resource, `${api.name}/${stage.stageName} encrypts its cache`, evidence);
    }),
});
