import { ClientPool } from '../../aws/client-pool.ts';
import type { LogObject } from './object.ts';

/** The S3 calls log reading needs, behind a small interface (tests may pass their own). */
export interface S3Access {
  /** One page of a flat listing (no delimiter) of keys under `prefix`, after `startAfter`. */
  list(bucket: string, prefix: string, page: { startAfter?: string; token?: string }): Promise<S3Page>;
  object(bucket: string, key: string, size?: number): LogObject;
  /** Closes the connections (idle keep-alive sockets would hold the process open). */
  close(): void;
}

export interface S3Page {
  objects: Array<{ key: string; size?: number }>;
  nextToken?: string;
}

interface ListOutput {
  Contents?: Array<{ Key?: string; Size?: number }>;
  NextContinuationToken?: string;
  IsTruncated?: boolean;
}

/** ListObjectsV2 input for one page; StartAfter only on the first page (the token carries it on). */
export function listInput(bucket: string, prefix: string, page: { startAfter?: string; token?: string }): Record<string, unknown> {
  const input: Record<string, unknown> = { Bucket: bucket, Prefix: prefix };
  if (page.token) input.ContinuationToken = page.token;
  else if (page.startAfter) input.StartAfter = page.startAfter;
  return input;
}

/**
 * S3 through the shared client pool (credentials from the default chain or --profile,
 * --endpoint-url with path-style addressing, redirects to the bucket's region followed).
 */
export function s3Access(options: { endpointUrl?: string; region?: string; profile?: string }, pool = new ClientPool({ endpointUrl: options.endpointUrl, profile: options.profile })): S3Access {
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  return {
    async list(bucket, prefix, page) {
      const out = (await pool.send('s3', undefined, region, 'ListObjectsV2', listInput(bucket, prefix, page))) as ListOutput;
      return {
        objects: (out.Contents ?? []).flatMap((o) => (o.Key ? [{ key: o.Key, size: o.Size }] : [])),
        nextToken: out.IsTruncated ? out.NextContinuationToken : undefined,
      };
    },
    object(bucket, key, size) {
      return {
        name: `s3://${bucket}/${key}`,
        size,
        open: async () => {
          const out = await pool.send('s3', undefined, region, 'GetObject', { Bucket: bucket, Key: key });
          return out.Body as AsyncIterable<Uint8Array>;
        },
      };
    },
    close: () => pool.destroy(),
  };
}
