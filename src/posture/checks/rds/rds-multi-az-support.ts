import { defineCheck } from '../../check.ts';
import { flag, judgeInstances } from './_lib/rds.ts';

/**
 * CIS 2.2.4 (Manual) / FSBP RDS.5 / Config rds-multi-az-support. Aurora instances get their
 * availability from the cluster (rds-cluster-multi-az-enabled) and read replicas are skipped.
 */
export default defineCheck({
  title: 'RDS DB instances should be configured with multiple Availability Zones',
  severity: 'MEDIUM',
  resourceType: 'AWS::RDS::DBInstance',
  description: 'Checks that RDS DB instances run a Multi-AZ deployment (DescribeDBInstances → MultiAZ). Aurora cluster members and read replicas are not evaluated.',
  risk: 'A Single-AZ database goes down with its Availability Zone and loses the writes since the last backup in a storage failure.',
  remediation: {
    text: 'Convert the instance to a Multi-AZ deployment.',
    console: 'RDS console → Databases → select the instance → Modify → Availability & durability → Create a standby instance → Continue → Apply.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <id> --multi-az --apply-immediately',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  MultiAZ: true',
    terraform: 'resource "aws_db_instance" "this" {\n  multi_az = true\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-5',
    'https://docs.aws.amazon.com/config/latest/developerguide/rds-multi-az-support.html',
  ],
  evaluate: (context) =>
    judgeInstances(
      context,
      (db) => (db.ReadReplicaSourceDBInstanceIdentifier ? undefined : flag('rds:DescribeDBInstances', 'MultiAZ', db.MultiAZ, db.DBInstanceIdentifier ?? '', 'Multi-AZ deployment', 'Single-AZ deployment')),
      { skipClusterMembers: true },
    ),
});
