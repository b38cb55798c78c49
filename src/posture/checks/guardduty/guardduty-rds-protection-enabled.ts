import { protectionPlanCheck } from '../../lib/guardduty.ts';

/** FSBP GuardDuty.9: GuardDuty RDS Protection is enabled. */
export default protectionPlanCheck({
  control: 'GuardDuty.9',
  feature: 'RDS_LOGIN_EVENTS',
  title: 'GuardDuty RDS Protection is enabled',
  what: 'Aurora/RDS login activity',
  docs: 'https://docs.aws.amazon.com/guardduty/latest/ug/rds-protection.html',
});
