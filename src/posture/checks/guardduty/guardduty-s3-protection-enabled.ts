import { protectionPlanCheck } from '../../lib/guardduty.ts';

/** FSBP GuardDuty.10: GuardDuty S3 Protection is enabled. */
export default protectionPlanCheck({
  control: 'GuardDuty.10',
  feature: 'S3_DATA_EVENTS',
  dataSource: ['S3Logs', 'Status'],
  title: 'GuardDuty S3 Protection is enabled',
  what: 'S3 data events',
  docs: 'https://docs.aws.amazon.com/guardduty/latest/ug/s3-protection.html',
});
