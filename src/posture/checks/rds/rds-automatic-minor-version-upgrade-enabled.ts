import { defineCheck } from '../../check.ts';
import { flag, judgeInstances } from './_lib/rds.ts';

/** CIS 2.2.2 / FSBP RDS.13 / Config rds-automatic-minor-version-upgrade-enabled. */
export default defineCheck({
  title: 'RDS automatic minor version upgrades should be enabled',
  severity: 'HIGH',
  resourceType: 'AWS::RDS::DBInstance',
  description: 'Checks that RDS DB instances receive minor engine upgrades automatically (DescribeDBInstances → AutoMinorVersionUpgrade).',
  risk: 'Minor versions carry security fixes; without automatic upgrades, instances keep known vulnerabilities until someone upgrades them by hand.',
  remediation: {
    text: 'Enable auto minor version upgrade; upgrades run in the maintenance window.',
    console: 'RDS console → Databases → select the instance → Modify → Maintenance → Enable auto minor version upgrade → Continue → Apply.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <id> --auto-minor-version-upgrade --apply-immediately',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  AutoMinorVersionUpgrade: true',
    terraform: 'resource "aws_db_instance" "this" {\n  auto_minor_version_upgrade = true\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-13',
    'https://docs.aws.amazon.com/config/latest/developerguide/rds-automatic-minor-version-upgrade-enabled.html',
    'https://www.cisecurity.org/benchmark/amazon_web_services',
  ],
  evaluate: (context) =>
    judgeInstances(context, (db) => flag('rds:DescribeDBInstances', 'AutoMinorVersionUpgrade', db.AutoMinorVersionUpgrade, db.DBInstanceIdentifier ?? '', 'minor version upgrades are automatic', 'minor version upgrades are not automatic')),
});
