/**
 * SDK output as the snapshot stores it (Contract 3): no `$metadata`, dates as ISO-8601
 * strings, blobs as base64, everything else untouched (policy documents stay as returned).
 */
export function normalizeResponse(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (Array.isArray(value)) return value.map(normalizeResponse);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$metadata' || inner === undefined) continue;
      out[key] = normalizeResponse(inner);
    }
    return out;
  }
  return value;
}
