import { defineCheck } from '../../check.ts';
import { flag, judgeInstances } from './_lib/rds.ts';

/** FSBP RDS.8 / Config rds-instance-deletion-protection-enabled. Aurora members are protected at cluster level. */
export default defineCheck({
  title: 'RDS DB instances should have deletion protection enabled',
  severity: 'LOW',
  resourceType: 'AWS::RDS::DBInstance',
  description: 'Checks that RDS DB instances have deletion protection (DescribeDBInstances → DeletionProtection). Aurora cluster members are judged by rds-cluster-deletion-protection-enabled.',
  risk: 'Without deletion protection a mistaken or malicious DeleteDBInstance call destroys the database at once.',
  remediation: {
    text: 'Enable deletion protection.',
    console: 'RDS console → Databases → select the instance → Modify → Deletion protection → Enable → Continue → Apply immediately.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <id> --deletion-protection --apply-immediately',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  DeletionProtection: true',
    terraform: 'resource "aws_db_instance" "this" {\n  deletion_protection = true\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-8',
    'https://docs.aws.amazon.com/config/latest/developerguide/rds-instance-deletion-protection-enabled.html',
  ],
  evaluate: (context) =>
    judgeInstances(context, (db) => flag('rds:DescribeDBInstances', 'DeletionProtection', db.DeletionProtection, db.DBInstanceIdentifier ?? '', 'deletion protection is on', 'deletion protection is off'), { skipClusterMembers: true }),
});
