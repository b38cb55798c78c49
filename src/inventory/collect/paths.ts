/** Tiny path reader for the registry: `Buckets[].Name`, `DistributionList.NextMarker`, `DetectorIds[]`. */
export function pluck(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const segment of path.split('.')) {
    const walk = segment.endsWith('[]');
    const name = walk ? segment.slice(0, -2) : segment;
    const next: unknown[] = [];
    for (const item of current) {
      if (item === null || typeof item !== 'object') continue;
      const inner = (item as Record<string, unknown>)[name];
      if (inner === undefined || inner === null) continue;
      if (walk) {
        if (Array.isArray(inner)) next.push(...inner);
      } else next.push(inner);
    }
    current = next;
  }
  return current;
}

export function getPath(value: unknown, path: string): unknown {
  return pluck(value, path)[0];
}

/** Sets (or, with `undefined`, deletes) the value at a dotted path, creating objects on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) {
      if (value === undefined) return;
      node[part] = {};
    }
    node = node[part] as Record<string, unknown>;
  }
  const last = parts.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}
