import { protectionPlanCheck } from '../../lib/guardduty.ts';

/** FSBP GuardDuty.6: GuardDuty Lambda Protection is enabled. */
export default protectionPlanCheck({
  control: 'GuardDuty.6',
  feature: 'LAMBDA_NETWORK_LOGS',
  title: 'GuardDuty Lambda Protection is enabled',
  what: 'Lambda network activity',
  docs: 'https://docs.aws.amazon.com/guardduty/latest/ug/lambda-protection.html',
});
