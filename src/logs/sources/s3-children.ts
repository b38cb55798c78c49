/** A direct child of an S3 "folder": an object, or a sub-prefix ending in `/`. */
export type S3Child = { kind: 'object'; key: string; size?: number } | { kind: 'folder'; prefix: string };

export type FlatLister = (prefix: string, page: { startAfter?: string; token?: string }) => Promise<{ objects: Array<{ key: string; size?: number }>; nextToken?: string }>;

/**
 * The direct children of `prefix`, found with flat listings that jump past each sub-folder once
 * seen (StartAfter = the folder name with its `/` replaced by `0`, the next byte). This costs
 * about one request per folder, like a Delimiter listing, and works on S3-compatible servers
 * whose Delimiter support is partial (s3rver among them).
 */
export async function* listChildren(list: FlatLister, prefix: string): AsyncGenerator<S3Child> {
  let startAfter: string | undefined;
  let token: string | undefined;
  for (;;) {
    const page = await list(prefix, { startAfter, token });
    let jumped = false;
    for (const object of page.objects) {
      const rest = object.key.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) {
        yield { kind: 'object', key: object.key, size: object.size };
        continue;
      }
      const folder = prefix + rest.slice(0, slash + 1);
      yield { kind: 'folder', prefix: folder };
      startAfter = `${folder.slice(0, -1)}0`;
      token = undefined;
      jumped = true;
      break;
    }
    if (jumped) continue;
    if (!page.nextToken) return;
    token = page.nextToken;
  }
}
