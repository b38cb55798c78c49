import { defineCheck } from '../../check.ts';
import { DESCRIBE, eachDomain } from './_lib/domains.ts';

/** FSBP Opensearch.6 / Config opensearch-data-node-fault-tolerance: ≥ 3 data nodes and zone awareness. */
export default defineCheck({
  title: 'OpenSearch domains should have at least three data nodes',
  severity: 'MEDIUM',
  resourceType: 'AWS::OpenSearchService::Domain',
  description: 'Checks that domains have at least three data nodes and zone awareness on (DescribeDomain → DomainStatus.ClusterConfig.InstanceCount, ZoneAwarenessEnabled).',
  risk: 'With fewer than three data nodes or all of them in one zone, a node or zone failure makes the domain unavailable or loses unreplicated data.',
  remediation: {
    text: 'Use at least three data nodes spread over Availability Zones (zone awareness).',
    console: 'OpenSearch Service console → Domains → select → Actions → Edit cluster configuration → Number of nodes ≥ 3, Multi-AZ → Save changes.',
    cli: 'aws opensearch update-domain-config --domain-name <domain> --cluster-config InstanceCount=3,ZoneAwarenessEnabled=true,ZoneAwarenessConfig={AvailabilityZoneCount=3}',
    cloudformation: 'ClusterConfig:\n  InstanceCount: 3\n  ZoneAwarenessEnabled: true\n  ZoneAwarenessConfig:\n    AvailabilityZoneCount: 3',
    terraform: 'cluster_config {\n  instance_count         = 3\n  zone_awareness_enabled = true\n  zone_awareness_config {\n    availability_zone_count = 3\n  }\n}',
  },
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-multiaz.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-6',
    'https://docs.aws.amazon.com/config/latest/developerguide/opensearch-data-node-fault-tolerance.html',
  ],
  evaluate: (context) =>
    eachDomain(context, (out, d, region, resource) => {
      const count = d.ClusterConfig?.InstanceCount ?? 0;
      const zones = d.ClusterConfig?.ZoneAwarenessEnabled === true;
      const evidence = { api: DESCRIBE, field: 'DomainStatus.ClusterConfig.InstanceCount, ZoneAwarenessEnabled', instanceCount: count, zoneAwareness: zones };
      if (count >= 3 && zones) out.pass(region, resource, `${d.DomainName} has ${count} data nodes with zone awareness`, evidence);
      else out.fail(region, resource, `${d.DomainName} has ${count} data node(s) (InstanceCount) and zone awareness ${zones ? 'on' : 'off'} (ZoneAwarenessEnabled); at least 3 nodes with zone awareness are needed`, evidence);
    }),
});
