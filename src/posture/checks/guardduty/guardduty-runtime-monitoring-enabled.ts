import { protectionPlanCheck } from '../../lib/guardduty.ts';

/** FSBP GuardDuty.11: GuardDuty Runtime Monitoring is enabled. */
export default protectionPlanCheck({
  control: 'GuardDuty.11',
  feature: 'RUNTIME_MONITORING',
  title: 'GuardDuty Runtime Monitoring is enabled',
  what: 'operating-system-level runtime events on EC2, ECS and EKS',
  docs: 'https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring.html',
});
