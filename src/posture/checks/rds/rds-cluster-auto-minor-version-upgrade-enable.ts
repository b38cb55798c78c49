import { defineCheck } from '../../check.ts';
import { flag, judgeClusters } from './_lib/rds.ts';

/**
 * FSBP RDS.35 / Config rds-cluster-auto-minor-version-upgrade-enable. DescribeDBClusters reports
 * AutoMinorVersionUpgrade for Multi-AZ DB clusters; for Aurora clusters, where the setting lives on
 * the instances, an absent field is NOT_APPLICABLE (rds-automatic-minor-version-upgrade-enabled
 * judges the instances).
 */
export default defineCheck({
  title: 'RDS DB clusters should have automatic minor version upgrade enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::RDS::DBCluster',
  description: 'Checks that RDS DB clusters upgrade minor engine versions automatically (DescribeDBClusters → AutoMinorVersionUpgrade).',
  risk: 'Clusters that keep old minor versions keep their known vulnerabilities.',
  remediation: {
    text: 'Enable automatic minor version upgrades on the cluster.',
    console: 'RDS console → Databases → select the cluster → Modify → Maintenance → Enable auto minor version upgrade → Continue → Apply.',
    cli: 'aws rds modify-db-cluster --db-cluster-identifier <id> --auto-minor-version-upgrade --apply-immediately',
    cloudformation: 'Type: AWS::RDS::DBCluster\nProperties:\n  AutoMinorVersionUpgrade: true',
    terraform: 'resource "aws_rds_cluster" "this" {\n  auto_minor_version_upgrade = true\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Maintenance.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-35', 'https://docs.aws.amazon.com/config/latest/developerguide/rds-cluster-auto-minor-version-upgrade-enable.html'],
  evaluate: (context) =>
    judgeClusters(context, (c) =>
      c.AutoMinorVersionUpgrade === undefined
        ? { status: 'NOT_APPLICABLE', reason: `${c.DBClusterIdentifier}: DescribeDBClusters gives no cluster-level AutoMinorVersionUpgrade (set on the instances)` }
        : flag('rds:DescribeDBClusters', 'AutoMinorVersionUpgrade', c.AutoMinorVersionUpgrade, c.DBClusterIdentifier ?? '', 'minor version upgrades are automatic', 'minor version upgrades are not automatic'),
    ),
});
