import { defineCheck } from '../../check.ts';
import { flag, judgeInstances } from './_lib/rds.ts';

/** FSBP RDS.17 / Config rds-instance-copy-tags-to-snapshots-enabled. Aurora members are judged at cluster level. */
export default defineCheck({
  title: 'RDS DB instances should copy tags to snapshots',
  severity: 'LOW',
  resourceType: 'AWS::RDS::DBInstance',
  description: 'Checks that RDS DB instances copy their tags to snapshots (DescribeDBInstances → CopyTagsToSnapshot).',
  risk: 'Untagged snapshots escape tag-based access control, ownership and retention policies.',
  remediation: {
    text: 'Enable copying tags to snapshots.',
    console: 'RDS console → Databases → select the instance → Modify → Backup → Copy tags to snapshots → Continue → Apply.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <id> --copy-tags-to-snapshot --apply-immediately',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  CopyTagsToSnapshot: true',
    terraform: 'resource "aws_db_instance" "this" {\n  copy_tags_to_snapshot = true\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Tagging.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-17', 'https://docs.aws.amazon.com/config/latest/developerguide/rds-instance-copy-tags-to-snapshots-enabled.html'],
  evaluate: (context) =>
    judgeInstances(context, (db) => flag('rds:DescribeDBInstances', 'CopyTagsToSnapshot', db.CopyTagsToSnapshot, db.DBInstanceIdentifier ?? '', 'tags are copied to snapshots', 'tags are not copied to snapshots'), { skipClusterMembers: true }),
});
