import { protectionPlanCheck } from '../../lib/guardduty.ts';

/** FSBP GuardDuty.7: GuardDuty EKS Runtime Monitoring is enabled. */
export default protectionPlanCheck({
  control: 'GuardDuty.7',
  feature: 'EKS_RUNTIME_MONITORING',
  alsoAccepted: ['RUNTIME_MONITORING'],
  title: 'GuardDuty EKS Runtime Monitoring is enabled',
  what: 'EKS workload runtime events',
  docs: 'https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring.html',
});
