import { listeners } from '../../../inventory/views/elbv2.ts';
import { defineCheck } from '../../check.ts';
import { eachLoadBalancer } from './_lib/load-balancers.ts';

/**
 * FSBP ELB.1 / Config alb-http-to-https-redirection-check: every HTTP listener of an Application
 * Load Balancer must redirect to HTTPS (DefaultActions[].Type = redirect, RedirectConfig.Protocol = HTTPS).
 */
export default defineCheck({
  title: 'Application Load Balancers should redirect all HTTP requests to HTTPS',
  severity: 'MEDIUM',
  resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  description: 'Checks that each HTTP listener of an Application Load Balancer (DescribeListeners → Protocol, DefaultActions) redirects to HTTPS.',
  risk: 'HTTP listeners that serve content let credentials, cookies and data cross the network unencrypted and open the door to downgrade attacks.',
  remediation: {
    text: 'Make the HTTP listener\'s default action a permanent redirect to HTTPS on port 443.',
    console: 'EC2 console → Load Balancers → select → Listeners and rules → HTTP:80 → Edit listener → Default action: Redirect to URL, HTTPS, 443, 301 → Save changes.',
    cli: 'aws elbv2 modify-listener --listener-arn <arn> --default-actions Type=redirect,RedirectConfig="{Protocol=HTTPS,Port=443,StatusCode=HTTP_301}"',
    cloudformation: 'DefaultActions:\n  - Type: redirect\n    RedirectConfig:\n      Protocol: HTTPS\n      Port: "443"\n      StatusCode: HTTP_301',
    terraform: 'default_action {\n  type = "redirect"\n  redirect {\n    protocol    = "HTTPS"\n    port        = "443"\n    status_code = "HTTP_301"\n  }\n}',
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-1',
    'https://docs.aws.amazon.com/config/latest/developerguide/alb-http-to-https-redirection-check.html',
  ],
  evaluate: (context) =>
    eachLoadBalancer(context, ['application'], (out, lb, region, resource) => {
      const answer = listeners(context, region, lb.LoadBalancerArn ?? '');
      if (answer.result.kind !== 'data') return out.unanswered(region, resource, answer);
      const http = (answer.result.data.Listeners ?? []).filter((listener) => listener.Protocol === 'HTTP');
      const plain = http.filter((listener) => !(listener.DefaultActions ?? []).some((action) => action.Type === 'redirect' && action.RedirectConfig?.Protocol === 'HTTPS'));
      const evidence = { api: 'elastic-load-balancing-v2:DescribeListeners', field: 'Listeners[].DefaultActions', listeners: plain.map((l) => l.ListenerArn) };
      if (plain.length > 0) out.fail(region, resource, `${lb.LoadBalancerName} has HTTP listener(s) on port ${plain.map((l) => l.Port).join(', ')} whose default action does not redirect to HTTPS`, evidence);
      else out.pass(region, resource, http.length > 0 ? `${lb.LoadBalancerName}: every HTTP listener redirects to HTTPS` : `${lb.LoadBalancerName} has no HTTP listener`, evidence);
    }),
});
