import { defineCheck } from '../../check.ts';
import { flag, judgeInstances } from './_lib/rds.ts';

/** Engines that support IAM database authentication on instances. */
const SUPPORTED = /^(mysql|postgres|mariadb)$/;

/** FSBP RDS.10 / Config rds-instance-iam-authentication-enabled: MySQL, PostgreSQL, MariaDB instances. */
export default defineCheck({
  title: 'IAM authentication should be configured for RDS instances',
  severity: 'MEDIUM',
  resourceType: 'AWS::RDS::DBInstance',
  description: 'Checks that RDS instances whose engine supports it (MySQL, PostgreSQL, MariaDB) have IAM database authentication enabled (DescribeDBInstances → IAMDatabaseAuthenticationEnabled). Other engines are NOT_APPLICABLE; Aurora members are judged at cluster level.',
  risk: 'Without IAM authentication, access rests on long-lived database passwords that are shared, rarely rotated, and not tied to an identity you can revoke centrally.',
  remediation: {
    text: 'Enable IAM database authentication and grant rds-db:connect to the roles that need it.',
    console: 'RDS console → Databases → select the instance → Modify → Database authentication → Password and IAM database authentication → Continue → Apply.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <id> --enable-iam-database-authentication --apply-immediately',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  EnableIAMDatabaseAuthentication: true',
    terraform: 'resource "aws_db_instance" "this" {\n  iam_database_authentication_enabled = true\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-10',
    'https://docs.aws.amazon.com/config/latest/developerguide/rds-instance-iam-authentication-configured.html',
  ],
  evaluate: (context) =>
    judgeInstances(
      context,
      (db) =>
        SUPPORTED.test(db.Engine ?? '')
          ? flag('rds:DescribeDBInstances', 'IAMDatabaseAuthenticationEnabled', db.IAMDatabaseAuthenticationEnabled, db.DBInstanceIdentifier ?? '', 'IAM database authentication is on', 'IAM database authentication is off')
          : { status: 'NOT_APPLICABLE', reason: `${db.DBInstanceIdentifier}: engine ${db.Engine ?? 'unknown'} does not support IAM database authentication` },
      { skipClusterMembers: true },
    ),
});
