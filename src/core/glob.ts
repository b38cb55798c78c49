/**
 * Globs over identifiers (finding types, check ids, ARNs): `*` matches any run of characters,
 * slashes and colons included, and `?` one character. Path-style globbing (where `*` stops at
 * `/`) would make `arn:aws:s3:::logs-*` miss `arn:aws:s3:::logs-x/key`, which is never wanted here.
 */
export function globToRegExp(glob: string, options: { caseInsensitive?: boolean } = {}): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, options.caseInsensitive ? 'i' : '');
}

export function globMatch(glob: string, value: string, options?: { caseInsensitive?: boolean }): boolean {
  return globToRegExp(glob, options).test(value);
}
