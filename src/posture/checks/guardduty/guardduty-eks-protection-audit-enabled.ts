import { protectionPlanCheck } from '../../lib/guardduty.ts';

/** FSBP GuardDuty.5: GuardDuty EKS Audit Log Monitoring is enabled. */
export default protectionPlanCheck({
  control: 'GuardDuty.5',
  feature: 'EKS_AUDIT_LOGS',
  dataSource: ['Kubernetes', 'AuditLogs', 'Status'],
  title: 'GuardDuty EKS Audit Log Monitoring is enabled',
  what: 'EKS audit logs',
  docs: 'https://docs.aws.amazon.com/guardduty/latest/ug/kubernetes-protection.html',
});
