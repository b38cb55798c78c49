import { defineCheck } from '../../check.ts';
import { flag, judgeClusters } from './_lib/rds.ts';

/** FSBP RDS.7 / Config rds-cluster-deletion-protection-enabled. */
export default defineCheck({
  title: 'RDS clusters should have deletion protection enabled',
  severity: 'LOW',
  resourceType: 'AWS::RDS::DBCluster',
  description: 'Checks that RDS DB clusters have deletion protection (DescribeDBClusters → DeletionProtection).',
  risk: 'Without deletion protection a mistaken or malicious DeleteDBCluster call destroys the cluster and its data.',
  remediation: {
    text: 'Enable deletion protection on the cluster.',
    console: 'RDS console → Databases → select the cluster → Modify → Deletion protection → Enable → Continue → Apply immediately.',
    cli: 'aws rds modify-db-cluster --db-cluster-identifier <id> --deletion-protection --apply-immediately',
    cloudformation: 'Type: AWS::RDS::DBCluster\nProperties:\n  DeletionProtection: true',
    terraform: 'resource "aws_rds_cluster" "this" {\n  deletion_protection = true\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html#USER_DeletionProtection',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-7',
    'https://docs.aws.amazon.com/config/latest/developerguide/rds-cluster-deletion-protection-enabled.html',
  ],
  evaluate: (context) => judgeClusters(context, (c) => flag('rds:DescribeDBClusters', 'DeletionProtection', c.DeletionProtection, c.DBClusterIdentifier ?? '', 'deletion protection is on', 'deletion protection is off')),
});
