import { defineCheck } from '../../check.ts';
import { flag, judgeClusters } from './_lib/rds.ts';

/** FSBP RDS.15 / Config rds-cluster-multi-az-enabled. */
export default defineCheck({
  title: 'RDS DB clusters should be configured for multiple Availability Zones',
  severity: 'MEDIUM',
  resourceType: 'AWS::RDS::DBCluster',
  description: 'Checks that RDS DB clusters span several Availability Zones (DescribeDBClusters → MultiAZ).',
  risk: 'A cluster whose instances sit in one Availability Zone has no failover target when that zone fails.',
  remediation: {
    text: 'Add a reader instance in another Availability Zone (Aurora) or create a Multi-AZ DB cluster.',
    console: 'RDS console → Databases → select the cluster → Actions → Add reader → choose a different Availability Zone → Add reader.',
    cli: 'aws rds create-db-instance --db-instance-identifier <reader> --db-cluster-identifier <cluster> --engine <engine> --db-instance-class <class> --availability-zone <other-az>',
    terraform: 'resource "aws_rds_cluster_instance" "reader" {\n  cluster_identifier = aws_rds_cluster.this.id\n  availability_zone  = "us-east-1b"\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-15',
    'https://docs.aws.amazon.com/config/latest/developerguide/rds-cluster-multi-az-enabled.html',
  ],
  evaluate: (context) => judgeClusters(context, (c) => flag('rds:DescribeDBClusters', 'MultiAZ', c.MultiAZ, c.DBClusterIdentifier ?? '', 'spans multiple Availability Zones', 'runs in a single Availability Zone')),
});
