import { defineCheck } from '../../check.ts';
import { flag, judgeClusters } from './_lib/rds.ts';

/** FSBP RDS.16 / Config rds-cluster-copy-tags-to-snapshots-enabled. */
export default defineCheck({
  title: 'RDS DB clusters should copy tags to snapshots',
  severity: 'LOW',
  resourceType: 'AWS::RDS::DBCluster',
  description: 'Checks that RDS DB clusters copy their tags to snapshots (DescribeDBClusters → CopyTagsToSnapshot).',
  risk: 'Untagged snapshots escape tag-based access control, ownership and retention policies.',
  remediation: {
    text: 'Enable copying tags to snapshots.',
    console: 'RDS console → Databases → select the cluster → Modify → Backup → Copy tags to snapshots → Continue → Apply.',
    cli: 'aws rds modify-db-cluster --db-cluster-identifier <id> --copy-tags-to-snapshot --apply-immediately',
    cloudformation: 'Type: AWS::RDS::DBCluster\nProperties:\n  CopyTagsToSnapshot: true',
    terraform: 'resource "aws_rds_cluster" "this" {\n  copy_tags_to_snapshot = true\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_Tagging.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-16', 'https://docs.aws.amazon.com/config/latest/developerguide/rds-cluster-copy-tags-to-snapshots-enabled.html'],
  evaluate: (context) => judgeClusters(context, (c) => flag('rds:DescribeDBClusters', 'CopyTagsToSnapshot', c.CopyTagsToSnapshot, c.DBClusterIdentifier ?? '', 'tags are copied to snapshots', 'tags are not copied to snapshots')),
});
