/** s3-control is read through the S3 view: `s3View(...).accountPublicAccessBlock()`. */
export { s3View as s3ControlView } from './s3.ts';
