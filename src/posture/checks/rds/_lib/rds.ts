import type { DBCluster, DBInstance } from '@aws-sdk/client-rds';
import { dbClusters, dbInstances, isClusterMember } from '../../../../inventory/views/rds.ts';
import type { Evidence } from '../../../../core/finding.ts';
import type { CheckContext, CheckResult } from '../../../check.ts';
import { Results } from '../../ec2/_lib/results.ts';

export function instanceResource(db: DBInstance) {
  return { type: 'AWS::RDS::DBInstance', id: db.DBInstanceArn ?? db.DBInstanceIdentifier ?? '', name: db.DBInstanceIdentifier };
}
export function clusterResource(cluster: DBCluster) {
  return { type: 'AWS::RDS::DBCluster', id: cluster.DBClusterArn ?? cluster.DBClusterIdentifier ?? '', name: cluster.DBClusterIdentifier };
}

type Verdict = { status: 'PASS' | 'FAIL' | 'NOT_APPLICABLE'; reason: string; evidence?: Evidence } | undefined;

/**
 * One result per DB instance from a judge function; `undefined` skips the instance.
 * `skipClusterMembers` leaves Aurora instances to the cluster-level checks, as AWS does.
 */
export function judgeInstances(context: CheckContext, judge: (db: DBInstance, region: string) => Verdict, options: { skipClusterMembers?: boolean } = {}): CheckResult[] {
  const out = new Results(context, 'AWS::RDS::DBInstance');
  out.each(dbInstances(context), (db, region) => {
    if (options.skipClusterMembers && isClusterMember(db)) return;
    const verdict = judge(db, region);
    if (verdict) out.add(verdict.status, region, instanceResource(db), verdict.reason, verdict.evidence ?? { api: 'rds:DescribeDBInstances' });
  });
  return out.list;
}

export function judgeClusters(context: CheckContext, judge: (cluster: DBCluster, region: string) => Verdict): CheckResult[] {
  const out = new Results(context, 'AWS::RDS::DBCluster');
  out.each(dbClusters(context), (cluster, region) => {
    const verdict = judge(cluster, region);
    if (verdict) out.add(verdict.status, region, clusterResource(cluster), verdict.reason, verdict.evidence ?? { api: 'rds:DescribeDBClusters' });
  });
  return out.list;
}

/** PASS/FAIL on one boolean field of DescribeDBInstances / DescribeDBClusters. */
export function flag(api: string, field: string, value: boolean | undefined, name: string, passText: string, failText: string): Verdict {
  const evidence = { api, field, value: value ?? null };
  return value === true ? { status: 'PASS', reason: `${name}: ${passText}`, evidence } : { status: 'FAIL', reason: `${name}: ${failText} (${field} = ${String(value ?? false)})`, evidence };
}
