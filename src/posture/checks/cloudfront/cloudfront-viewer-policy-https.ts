import { defineCheck } from '../../check.ts';
import { behaviors, eachDistribution, GLOBAL, LIST } from './_lib/distributions.ts';

/** FSBP CloudFront.3 / Config cloudfront-viewer-policy-https: no cache behavior may allow plain HTTP. */
export default defineCheck({
  title: 'CloudFront distributions should require encryption in transit',
  severity: 'MEDIUM',
  resourceType: 'AWS::CloudFront::Distribution',
  description: 'Checks that the default and every other cache behavior use ViewerProtocolPolicy https-only or redirect-to-https, not allow-all (ListDistributions).',
  risk: 'Viewers served over HTTP can have their sessions, cookies and content read or altered on the network.',
  remediation: {
    text: 'Set the viewer protocol policy of every behavior to Redirect HTTP to HTTPS (or HTTPS only).',
    console: 'CloudFront console → Distributions → select → Behaviors → select each behavior → Edit → Viewer protocol policy: Redirect HTTP to HTTPS → Save changes.',
    cli: 'aws cloudfront get-distribution-config --id <id> > cfg.json  # set ViewerProtocolPolicy to redirect-to-https, then\naws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://cfg.json',
    cloudformation: 'DefaultCacheBehavior:\n  ViewerProtocolPolicy: redirect-to-https',
    terraform: 'default_cache_behavior {\n  viewer_protocol_policy = "redirect-to-https"\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-3', 'https://docs.aws.amazon.com/config/latest/developerguide/cloudfront-viewer-policy-https.html'],
  evaluate: (context) =>
    eachDistribution(context, (out, d, resource) => {
      const open = behaviors(d).filter((b) => b.policy === 'allow-all').map((b) => b.path);
      const evidence = { api: LIST, field: 'DefaultCacheBehavior/CacheBehaviors ViewerProtocolPolicy', behaviors: open };
      if (open.length > 0) out.fail(GLOBAL, resource, `${d.Id} allows HTTP (ViewerProtocolPolicy = allow-all) on ${open.join(', ')}`, evidence);
      else out.pass(GLOBAL, resource, `${d.Id} requires HTTPS on every cache behavior`, evidence);
    }),
});
