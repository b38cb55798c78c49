import { ebsSnapshots, snapshotAttribute, snapshotBlockPublicAccess } from '../../../inventory/views/ec2.ts';
import { defineCheck } from '../../check.ts';
import { Results } from './_lib/results.ts';

/**
 * FSBP EC2.1 / Config ebs-snapshot-public-restorable-check: an account-level result per region,
 * NON_COMPLIANT when any owned snapshot's createVolumePermission includes Group "all".
 * Snapshot block public access in block-all-sharing mode makes every snapshot private.
 */
export default defineCheck({
  title: 'EBS snapshots should not be publicly restorable',
  severity: 'CRITICAL',
  resourceType: 'AWS::::Account',
  description: 'Checks, per region, that no EBS snapshot owned by the account can be restored by everyone (DescribeSnapshotAttribute createVolumePermission → CreateVolumePermissions[].Group = "all").',
  risk: 'A public snapshot lets any AWS account create a volume from it and read everything it holds, including credentials and databases.',
  remediation: {
    text: 'Remove the "all" group from the snapshot\'s create-volume permissions, and turn on EBS snapshot block public access.',
    console: 'EC2 console → Snapshots → select the snapshot → Actions → Snapshot settings → Modify permissions → Private → Save changes. EC2 → Data protection and security → Block public access for EBS snapshots → Block all public sharing.',
    cli: 'aws ec2 modify-snapshot-attribute --snapshot-id <snap> --attribute createVolumePermission --operation-type remove --group-names all\naws ec2 enable-snapshot-block-public-access --state block-all-sharing',
    terraform: 'resource "aws_ebs_snapshot_block_public_access" "this" {\n  state = "block-all-sharing"\n}',
  },
  references: [
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-1',
    'https://docs.aws.amazon.com/config/latest/developerguide/ebs-snapshot-public-restorable-check.html',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::::Account');
    for (const list of ebsSnapshots(context)) {
      const { region } = list;
      const resource = { type: 'AWS::::Account', id: context.account.id };
      if (list.result.kind !== 'data') {
        out.unavailable(region, resource, 'ec2', 'DescribeSnapshots', list.result);
        continue;
      }
      const block = snapshotBlockPublicAccess(context, region);
      if (block.kind === 'data' && block.data.State === 'block-all-sharing') {
        out.pass(region, resource, `EBS snapshot block public access is block-all-sharing in ${region}: no snapshot can be public`, { api: 'ec2:GetSnapshotBlockPublicAccessState', field: 'State' });
        continue;
      }
      const publicIds: string[] = [];
      const unknown: string[] = [];
      for (const snapshot of list.items) {
        if (!snapshot.SnapshotId) continue;
        const answer = snapshotAttribute(context, region, snapshot.SnapshotId);
        if (answer.result.kind !== 'data') {
          unknown.push(snapshot.SnapshotId);
          continue;
        }
        if ((answer.result.data.CreateVolumePermissions ?? []).some((permission) => permission.Group === 'all')) publicIds.push(snapshot.SnapshotId);
      }
      const evidence = { api: 'ec2:DescribeSnapshotAttribute', field: 'CreateVolumePermissions[].Group', publicSnapshots: publicIds };
      if (publicIds.length > 0) out.fail(region, resource, `publicly restorable snapshots in ${region} (createVolumePermission Group "all"): ${publicIds.join(', ')}`, evidence);
      else if (unknown.length > 0) out.add('ERROR', region, resource, `ec2:DescribeSnapshotAttribute (createVolumePermission) gave no data for ${unknown.join(', ')}: whether they are public is unknown`, { api: 'ec2:DescribeSnapshotAttribute', snapshots: unknown });
      else out.pass(region, resource, `none of the ${list.items.length} snapshots in ${region} is publicly restorable`, evidence);
    }
    return out.list;
  },
});
