import { iamView } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { isTrue, userRows } from '../../lib/iam.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/**
 * CIS 1.20 / baseline: people sign in through identity federation (SAML or OIDC providers, or
 * IAM Identity Center roles under /aws-reserved/sso.amazonaws.com/) rather than as IAM users.
 */
export default defineCheck({
  title: 'Identity federation is used instead of IAM users for people',
  severity: 'MEDIUM',
  resourceType: 'AWS::::Account',
  description: 'Passes when the account has a SAML or OIDC identity provider or IAM Identity Center roles, or no IAM user with a console password; fails when people sign in as IAM users (more than maxConsoleUsers) without federation.',
  risk: 'Long-lived IAM users per person multiply credentials to protect, rotate and revoke; federation centralises joiners and leavers.',
  remediation: {
    text: 'Use IAM Identity Center (or a SAML/OIDC identity provider) for human access and remove per-person IAM users.',
    console: 'IAM Identity Center → Enable; assign users and permission sets to accounts; then delete the IAM users.',
    cli: 'aws iam list-saml-providers && aws iam list-open-id-connect-providers',
    terraform: 'resource "aws_iam_saml_provider" "idp" {\n  name                   = "corporate-idp"\n  saml_metadata_document = file("metadata.xml")\n}',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers.html', 'https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html'],
  parameters: { maxConsoleUsers: { description: 'IAM users with a console password tolerated without federation (break-glass).', default: 0 } },
  evaluate(ctx) {
    const iam = iamView(ctx.snapshot, ctx.account.id);
    const resource = accountResource(ctx);
    const saml = iam.samlProviders();
    const oidc = iam.oidcProviders();
    const details = iam.authorizationDetails();
    const sso = details.ok ? details.value.roles.filter((r) => r.path?.startsWith('/aws-reserved/sso.amazonaws.com/')).length : 0;
    const providers = (saml.ok ? saml.value.length : 0) + (oidc.ok ? oidc.value.length : 0);
    if (providers > 0 || sso > 0) {
      return [pass(ctx, GLOBAL, resource, `federation is in use: ${saml.ok ? saml.value.length : 0} SAML and ${oidc.ok ? oidc.value.length : 0} OIDC provider(s), ${sso} IAM Identity Center role(s)`, { api: 'iam:ListSAMLProviders', field: 'SAMLProviderList' })];
    }
    if (!saml.ok) return [failedResult(ctx, saml.failed, resource)];
    if (!oidc.ok) return [failedResult(ctx, oidc.failed, resource)];
    if (!details.ok) return [failedResult(ctx, details.failed, resource)];
    const report = iam.credentialReport();
    if (!report.ok) return [failedResult(ctx, report.failed, resource)];
    const consoleUsers = userRows(report.value).filter((row) => isTrue(row.password_enabled)).map((row) => row.user);
    const evidence = { api: 'iam:GetCredentialReport', field: 'password_enabled' };
    return consoleUsers.length > Number(ctx.parameters.maxConsoleUsers)
      ? [fail(ctx, GLOBAL, resource, `no SAML/OIDC provider or Identity Center role, and ${consoleUsers.length} IAM user(s) sign in with passwords: ${consoleUsers.slice(0, 10).join(', ')}`, evidence)]
      : [pass(ctx, GLOBAL, resource, 'no IAM user signs in with a password', evidence)];
  },
});
