import { createGunzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';

/** What `decompress` learned about the bytes it read; complete once its chunks are drained. */
export interface DecompressInfo {
  gzip: boolean;
  /** Bytes read from the source (compressed size for gzip). */
  bytesIn: number;
  /** For gzip: compressed bytes the inflater consumed; less than bytesIn means trailing data. */
  bytesConsumed: number;
}

export class GzipError extends Error {
  constructor(
    message: string,
    /** Offset in the compressed input where inflating stopped. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'GzipError';
  }
}

const isGzip = (head: Uint8Array) => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

/**
 * Yields the bytes of `source`, inflated when they start with the gzip magic (by content, never
 * by name). Concatenated gzip members are one stream, as gzip(1) reads them. Inflating is
 * streamed, so memory stays bounded whatever the size.
 *
 * Throws GzipError for corrupt or truncated gzip data and for non-zero trailing data after the
 * last member (zlib reads those as a bad header). Zero padding after the last member is
 * accepted by zlib; callers that must reject it (integrity validation) compare
 * `info.bytesConsumed` with `info.bytesIn` afterwards.
 */
export function decompress(source: AsyncIterable<Uint8Array>): { chunks: AsyncGenerator<Buffer>; info: DecompressInfo } {
  const info: DecompressInfo = { gzip: false, bytesIn: 0, bytesConsumed: 0 };

  async function* chunks(): AsyncGenerator<Buffer> {
    const iterator = source[Symbol.asyncIterator]();
    // Collect at least two bytes to sniff the magic number.
    let head = Buffer.alloc(0);
    let ended = false;
    while (head.length < 2) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      head = head.length === 0 ? Buffer.from(next.value) : Buffer.concat([head, next.value]);
    }
    info.bytesIn = head.length;
    async function* raw(): AsyncGenerator<Buffer> {
      if (head.length > 0) yield head;
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        info.bytesIn += next.value.length;
        yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
      }
    }
    if (!isGzip(head)) {
      yield* raw();
      return;
    }
    info.gzip = true;
    const gunzip = createGunzip();
    const feeding = pipeline(raw(), gunzip);
    // The failure surfaces through the iteration below; this only avoids an unhandled rejection.
    feeding.catch(() => undefined);
    let inflated = 0;
    try {
      for await (const chunk of gunzip) {
        inflated += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      await feeding;
    } catch (error) {
      const zlibError = error as NodeJS.ErrnoException;
      if (typeof zlibError.errno === 'number' && typeof zlibError.code === 'string' && zlibError.code.startsWith('Z_')) {
        // A bad header after a well-formed first one is data appended after the gzip stream
        // (zlib reads it as the next member's header). Output of the failing chunk is lost, so
        // such a file is skipped whole.
        const trailing = zlibError.message === 'incorrect header check' && (inflated > 0 || head[2] === 8);
        const reason = trailing ? 'gzip: data after the end of the gzip stream (or a corrupt member header)' : `gzip: ${zlibError.message}`;
        // zlib reports progress per written chunk, so the offset is where the failing chunk began.
        throw new GzipError(reason, gunzip.bytesWritten);
      }
      throw error;
    } finally {
      info.bytesConsumed = gunzip.bytesWritten;
      if (!gunzip.destroyed) gunzip.destroy();
    }
  }
  return { chunks: chunks(), info };
}
