import type { Snapshot } from '../snapshot.ts';
import { got, memoView, type Got } from './account.ts';

/** AWS Config: recorders, their status, delivery channels and aggregators, per region. */

export interface ConfigurationRecorder {
  name?: string;
  roleARN?: string;
  recordingGroup?: {
    allSupported?: boolean;
    includeGlobalResourceTypes?: boolean;
    resourceTypes?: string[];
    exclusionByResourceTypes?: { resourceTypes?: string[] };
    recordingStrategy?: { useOnly?: string };
  };
}

export interface RecorderStatus {
  name?: string;
  recording?: boolean;
  lastStatus?: string;
}

export interface ConfigurationAggregator {
  ConfigurationAggregatorName?: string;
  ConfigurationAggregatorArn?: string;
  AccountAggregationSources?: Array<{ AccountIds?: string[]; AllAwsRegions?: boolean; AwsRegions?: string[] }>;
  OrganizationAggregationSource?: { RoleArn?: string; AllAwsRegions?: boolean; AwsRegions?: string[] };
}

export interface ConfigServiceView {
  recorders(region: string): Got<ConfigurationRecorder[]>;
  recorderStatus(region: string): Got<RecorderStatus[]>;
  deliveryChannels(region: string): Got<Array<{ name?: string; s3BucketName?: string }>>;
  aggregators(region: string): Got<ConfigurationAggregator[]>;
}

export const configServiceView = memoView((snapshot: Snapshot, accountId: string): ConfigServiceView => {
  const call = <T>(operation: string, region: string) => snapshot.call<T>(accountId, 'config-service', operation, region);
  return {
    recorders: (region) => got('config-service', 'DescribeConfigurationRecorders', region, call<any>('DescribeConfigurationRecorders', region), (d) => d.ConfigurationRecorders ?? []),
    recorderStatus: (region) =>
      got('config-service', 'DescribeConfigurationRecorderStatus', region, call<any>('DescribeConfigurationRecorderStatus', region), (d) => d.ConfigurationRecordersStatus ?? []),
    deliveryChannels: (region) => got('config-service', 'DescribeDeliveryChannels', region, call<any>('DescribeDeliveryChannels', region), (d) => d.DeliveryChannels ?? []),
    aggregators: (region) =>
      got('config-service', 'DescribeConfigurationAggregators', region, call<any>('DescribeConfigurationAggregators', region), (d) => d.ConfigurationAggregators ?? []),
  };
});

/** Does the aggregator collect from this account and region? */
export function aggregatorCovers(aggregator: ConfigurationAggregator, accountId: string, region: string, orgMember: boolean): boolean {
  const org = aggregator.OrganizationAggregationSource;
  if (org && orgMember && (org.AllAwsRegions || (org.AwsRegions ?? []).includes(region))) return true;
  return (aggregator.AccountAggregationSources ?? []).some(
    (source) => (source.AccountIds ?? []).includes(accountId) && (source.AllAwsRegions || (source.AwsRegions ?? []).includes(region)),
  );
}
