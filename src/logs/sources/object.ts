/** One thing to read: a local file or an S3 object. Opened lazily, read as a byte stream. */
export interface LogObject {
  /** A path or an s3:// URL: what problems and event refs name. */
  name: string;
  size?: number;
  open(): Promise<AsyncIterable<Uint8Array>>;
  /**
   * The whole content in one synchronous read, when that is cheaper than a stream (local files
   * up to a size); else undefined. Read when the consumer is ready for the file: a local read
   * takes microseconds, and each asynchronous file call costs a round trip through libuv's
   * thread pool (four per file) that a CPU-bound reader pays in CPU time.
   */
  readWhole?(): Buffer | undefined;
}
