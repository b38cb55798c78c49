import pLimit from 'p-limit';
import { InputError } from '../../core/errors.ts';
import { mergeConcurrent } from '../merge.ts';
import type { LogReadOptions } from '../types.ts';
import { isDayFolder, keepFolder, type LayoutFilter } from './awslogs-layout.ts';
import type { LogObject } from './object.ts';
import type { S3Access } from './s3-client.ts';
import { listChildren } from './s3-children.ts';

export interface S3Location {
  bucket: string;
  prefix: string;
}

export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match) throw new InputError('expected s3://bucket/prefix', url);
  return { bucket: match[1] as string, prefix: match[2] as string };
}

/** ListObjectsV2 calls in flight at once for one input. */
const LIST_CONCURRENCY = 8;

/**
 * The objects under `s3://bucket/prefix`, listed folder by folder so that folders of the
 * AWSLogs layout outside the wanted accounts, regions and days are never listed; below a day
 * folder everything is listed flat. Objects are yielded as pages arrive.
 */
export async function* listS3Objects(url: string, options: LogReadOptions, onError: (path: string, error: unknown) => void, access: S3Access): AsyncGenerator<LogObject> {
  const { bucket, prefix } = parseS3Url(url);
  const filter: LayoutFilter = { since: options.since, until: options.until, accounts: options.accounts, regions: options.regions };
  const limit = pLimit(LIST_CONCURRENCY);
  const list = (under: string, page: { startAfter?: string; token?: string }) => limit(() => access.list(bucket, under, page));

  async function* flat(folder: string): AsyncGenerator<LogObject> {
    let token: string | undefined;
    do {
      const page = await list(folder, { token });
      for (const object of page.objects) {
        if (!object.key.endsWith('/') && object.size !== 0) yield access.object(bucket, object.key, object.size);
      }
      token = page.nextToken;
    } while (token);
  }

  async function* walk(folder: string): AsyncGenerator<LogObject> {
    try {
      if (isDayFolder(folder)) {
        yield* flat(folder);
        return;
      }
      const folders: string[] = [];
      for await (const child of listChildren(list, folder)) {
        if (child.kind === 'object') {
          if (child.size !== 0) yield access.object(bucket, child.key, child.size);
        } else if (keepFolder(child.prefix, filter)) {
          folders.push(child.prefix);
        }
      }
      if (folders.length > 0) yield* mergeConcurrent(toAsync(folders), LIST_CONCURRENCY, walk);
    } catch (error) {
      onError(`s3://${bucket}/${folder}`, error);
    }
  }
  yield* walk(prefix);
}

async function* toAsync<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}
