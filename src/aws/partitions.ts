/**
 * AWS partitions Vigil knows. Each has a home region where global services (IAM,
 * Organizations, CloudFront, S3 ListBuckets) answer, and where the snapshot records them.
 */
export type PartitionId = 'aws' | 'aws-cn' | 'aws-us-gov';

export interface Partition {
  id: PartitionId;
  /** Region global services are called in and recorded under. */
  homeRegion: string;
}

export const PARTITIONS: Record<PartitionId, Partition> = {
  aws: { id: 'aws', homeRegion: 'us-east-1' },
  'aws-cn': { id: 'aws-cn', homeRegion: 'cn-northwest-1' },
  'aws-us-gov': { id: 'aws-us-gov', homeRegion: 'us-gov-west-1' },
};

/** The partition a region belongs to (`cn-north-1` → aws-cn, `us-gov-east-1` → aws-us-gov). */
export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('cn-')) return PARTITIONS['aws-cn'];
  if (region.startsWith('us-gov-')) return PARTITIONS['aws-us-gov'];
  return PARTITIONS.aws;
}

/** The partition named in an ARN (`arn:aws-cn:iam::…`), or aws when it cannot be read. */
export function partitionOfArn(arn: string): Partition {
  const id = arn.split(':')[1];
  return id === 'aws-cn' || id === 'aws-us-gov' ? PARTITIONS[id] : PARTITIONS.aws;
}

export function roleArn(partition: Partition, accountId: string, roleName: string): string {
  return `arn:${partition.id}:iam::${accountId}:role/${roleName.replace(/^\/+/, '')}`;
}
