import { defineCheck } from '../../check.ts';
import { judgeInstances } from './_lib/rds.ts';

/** CIS 2.2.3 / FSBP RDS.2 / Config rds-instance-public-access-check. */
export default defineCheck({
  title: 'RDS DB instances should prohibit public access',
  severity: 'CRITICAL',
  resourceType: 'AWS::RDS::DBInstance',
  description: 'Checks that RDS DB instances are not publicly accessible (DescribeDBInstances → PubliclyAccessible).',
  risk: 'A publicly accessible instance gets a public DNS address that resolves to a public IP; with a permissive security group the database is reachable from the internet.',
  remediation: {
    text: 'Turn off public accessibility and reach the database from inside the VPC.',
    console: 'RDS console → Databases → select the instance → Modify → Connectivity → Additional configuration → Not publicly accessible → Continue → Apply immediately.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <id> --no-publicly-accessible --apply-immediately',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  PubliclyAccessible: false',
    terraform: 'resource "aws_db_instance" "this" {\n  publicly_accessible = false\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2',
    'https://docs.aws.amazon.com/config/latest/developerguide/rds-instance-public-access-check.html',
    'https://www.cisecurity.org/benchmark/amazon_web_services',
  ],
  evaluate: (context) =>
    judgeInstances(context, (db) => {
      const evidence = { api: 'rds:DescribeDBInstances', field: 'PubliclyAccessible', value: db.PubliclyAccessible ?? false };
      return db.PubliclyAccessible === true
        ? { status: 'FAIL', reason: `${db.DBInstanceIdentifier} is publicly accessible (PubliclyAccessible = true)`, evidence }
        : { status: 'PASS', reason: `${db.DBInstanceIdentifier} is not publicly accessible`, evidence };
    }),
});
