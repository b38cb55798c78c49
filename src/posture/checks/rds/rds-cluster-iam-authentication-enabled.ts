import { defineCheck } from '../../check.ts';
import { flag, judgeClusters } from './_lib/rds.ts';

/** FSBP RDS.12 / Config rds-cluster-iam-authentication-enabled. */
export default defineCheck({
  title: 'IAM authentication should be configured for RDS clusters',
  severity: 'MEDIUM',
  resourceType: 'AWS::RDS::DBCluster',
  description: 'Checks that RDS DB clusters have IAM database authentication enabled (DescribeDBClusters → IAMDatabaseAuthenticationEnabled).',
  risk: 'Without IAM authentication, cluster access rests on long-lived shared database passwords.',
  remediation: {
    text: 'Enable IAM database authentication on the cluster.',
    console: 'RDS console → Databases → select the cluster → Modify → Database authentication → Password and IAM database authentication → Continue → Apply.',
    cli: 'aws rds modify-db-cluster --db-cluster-identifier <id> --enable-iam-database-authentication --apply-immediately',
    cloudformation: 'Type: AWS::RDS::DBCluster\nProperties:\n  EnableIAMDatabaseAuthentication: true',
    terraform: 'resource "aws_rds_cluster" "this" {\n  iam_database_authentication_enabled = true\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.IAMDBAuth.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-12',
    'https://docs.aws.amazon.com/config/latest/developerguide/rds-cluster-iam-authentication-enabled.html',
  ],
  evaluate: (context) =>
    judgeClusters(context, (c) => flag('rds:DescribeDBClusters', 'IAMDatabaseAuthenticationEnabled', c.IAMDatabaseAuthenticationEnabled, c.DBClusterIdentifier ?? '', 'IAM database authentication is on', 'IAM database authentication is off')),
});
