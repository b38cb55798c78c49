import type { DBClusterSnapshot, DBSnapshot } from '@aws-sdk/client-rds';
import { dbClusterSnapshotAttributes, dbClusterSnapshots, dbSnapshotAttributes, dbSnapshots, restoreAccounts } from '../../../inventory/views/rds.ts';
import { defineCheck } from '../../check.ts';
import { Results } from '../ec2/_lib/results.ts';

/**
 * FSBP RDS.1 / Config rds-snapshots-public-prohibited: a snapshot is public when its `restore`
 * attribute lists "all" (DescribeDBSnapshotAttributes). Manual DB snapshots are judged; cluster
 * snapshots too wherever the collector recorded DescribeDBClusterSnapshots. Automated snapshots
 * cannot be shared and are skipped.
 */
export default defineCheck({
  title: 'RDS snapshots should be private',
  severity: 'CRITICAL',
  resourceType: 'AWS::RDS::DBSnapshot',
  description: 'Checks that no RDS DB snapshot or DB cluster snapshot can be restored by everyone (DescribeDBSnapshotAttributes / DescribeDBClusterSnapshotAttributes → attribute "restore" includes "all").',
  risk: 'A public snapshot can be restored by any AWS account, handing over the full database.',
  remediation: {
    text: 'Remove "all" from the snapshot\'s restore attribute (share with specific accounts only if needed).',
    console: 'RDS console → Snapshots → select the snapshot → Actions → Share snapshot → DB snapshot visibility: Private → Save.',
    cli: 'aws rds modify-db-snapshot-attribute --db-snapshot-identifier <snap> --attribute-name restore --values-to-remove all',
    terraform: '# Do not set shared_accounts = ["all"] on aws_db_snapshot / aws_db_cluster_snapshot.',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-1',
    'https://docs.aws.amazon.com/config/latest/developerguide/rds-snapshots-public-prohibited.html',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::RDS::DBSnapshot');
    out.each(dbSnapshots(context), (snapshot: DBSnapshot, region) => {
      if (snapshot.SnapshotType === 'automated') return;
      const resource = { type: 'AWS::RDS::DBSnapshot', id: snapshot.DBSnapshotArn ?? snapshot.DBSnapshotIdentifier ?? '', name: snapshot.DBSnapshotIdentifier };
      const answer = dbSnapshotAttributes(context, region, snapshot);
      if (answer.result.kind !== 'data') return out.unanswered(region, resource, answer);
      const restore = restoreAccounts(answer.result.data.DBSnapshotAttributesResult?.DBSnapshotAttributes);
      judge(out, region, resource, snapshot.DBSnapshotIdentifier ?? '', restore, 'rds:DescribeDBSnapshotAttributes');
    });
    // Cluster snapshots: judged in the regions where the collector recorded them.
    for (const list of dbClusterSnapshots(context)) {
      if (list.result.kind === 'missing') continue;
      out.each([list], (snapshot: DBClusterSnapshot, region) => {
        if (snapshot.SnapshotType === 'automated') return;
        const resource = { type: 'AWS::RDS::DBClusterSnapshot', id: snapshot.DBClusterSnapshotArn ?? snapshot.DBClusterSnapshotIdentifier ?? '', name: snapshot.DBClusterSnapshotIdentifier };
        const answer = dbClusterSnapshotAttributes(context, region, snapshot);
        if (answer.result.kind !== 'data') return out.unanswered(region, resource, answer);
        const restore = restoreAccounts(answer.result.data.DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes);
        judge(out, region, resource, snapshot.DBClusterSnapshotIdentifier ?? '', restore, 'rds:DescribeDBClusterSnapshotAttributes');
      });
    }
    return out.list;
  },
});

function judge(out: Results, region: string, resource: { type: string; id: string; name?: string }, name: string, restore: string[], api: string): void {
  const evidence = { api, field: 'AttributeName=restore AttributeValues', value: restore };
  if (restore.includes('all')) out.fail(region, resource, `${name} is public: its restore attribute includes "all"`, evidence);
  else out.pass(region, resource, `${name} is private${restore.length > 0 ? ` (shared with ${restore.join(', ')})` : ''}`, evidence);
}
