import type { ServiceName } from '../../aws/services.ts';

/** Merging the pages of a paginated call (dotted paths, e.g. `DistributionList.Items`). */
export interface Pagination {
  /** Input parameter that takes the token (`Marker`, `NextToken`). */
  inputToken: string;
  /** Where the next token is in the output (`NextMarker`, `DistributionList.NextMarker`). */
  outputToken: string;
  /** Lists concatenated across pages. */
  listKeys: string[];
  /** A flag saying more pages exist (`IsTruncated`, dotted path allowed); removed from the merged response. */
  moreKey?: string;
}

/** A call made once per resource, keyed by the resource's identifying value. */
export type PerResource =
  | {
      /** The operation (same service, same scope) whose recorded output lists the resources. */
      parent: string;
      /** Paths to the keys in the parent's output; `[]` walks an array (`Buckets[].Name`). */
      keys: string[];
      /** Input parameter that takes the key. */
      param: string;
      /** Keep only some keys (e.g. web ACLs that can have associated resources). */
      where?: (key: string) => boolean;
      /** The call's identifying input built from the key, instead of `{ [param]: key }` (wafv2 GetWebACL takes Name, Id, Scope). */
      inputFromKey?: (key: string) => Record<string, unknown>;
    }
  | {
      /** A fixed set of keys (e.g. alternate-contact types). */
      values: string[];
      param: string;
    };

export interface OperationSpec {
  /** SDK v3 client name, as recorded in the snapshot. */
  service: ServiceName;
  /** API operation name (`ListBuckets`). */
  operation: string;
  /** The IAM action(s) the call needs; the printed policy is generated from these. */
  actions: string[];
  /** Global: called once per account in the partition's home region and recorded there. */
  scope: 'global' | 'regional';
  /** Fixed input; the string `{account}` is replaced by the account id. */
  input?: Record<string, unknown>;
  paginate?: Pagination;
  perResource?: PerResource;
  /** S3 per-bucket calls go to the bucket's own region (from GetBucketLocation). */
  inBucketRegion?: boolean;
  /** In the home region only, the same call again with this extra input, lists merged (wafv2 CLOUDFRONT scope). */
  homeRegionExtraInput?: Record<string, unknown>;
  /** A report to have generated first: `operation` is called until `ready(output)` (IAM credential report). */
  generate?: { operation: string; ready: (output: Record<string, unknown>) => boolean };
  /**
   * An asynchronous job: `operation` is started with the per-resource key and returns a job id
   * in `idKey`; the recorded operation is then called with that id until `pending` is false.
   */
  job?: { operation: string; idKey: string; pending: (output: Record<string, unknown>) => boolean };
}
