/** One thing to read: a local file or an S3 object. Opened lazily, read as a byte stream. */
export interface LogObject {
  /** A path or an s3:// URL: what problems and event refs name. */
  name: string;
  size?: number;
  open(): Promise<AsyncIterable<Uint8Array>>;
  /** The whole content in one read, when that is cheaper than a stream (small local files); else undefined. */
  readWhole?(): Promise<Buffer | undefined>;
}
