import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { DigestContent } from './digest-files.ts';

/**
 * How CloudTrail signs a digest file: SHA256withRSA (RSASSA-PKCS1-v1_5 over SHA-256) over
 *   digestEndTime \n digestS3Bucket/digestS3Object \n hex SHA-256 of the uncompressed digest \n previousDigestSignature
 * where a missing previous signature is the text `null`. The hex signature is stored in the
 * object's user metadata (`x-amz-meta-signature`, algorithm in `x-amz-meta-signature-algorithm`).
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-custom-validation.html
 */
export function signingString(digest: DigestContent, uncompressedDigest: Uint8Array): string {
  const digestHash = createHash('sha256').update(uncompressedDigest).digest('hex');
  return `${digest.digestEndTime}\n${digest.digestS3Bucket}/${digest.digestS3Object}\n${digestHash}\n${digest.previousDigestSignature ?? 'null'}`;
}

export const SIGNATURE_ALGORITHM = 'SHA256withRSA';

export function verifyDigestSignature(digest: DigestContent, uncompressedDigest: Uint8Array, signatureHex: string, key: KeyObject): boolean {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(signatureHex)) return false;
  try {
    return verify('sha256', Buffer.from(signingString(digest, uncompressedDigest)), key, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}

/**
 * A public key from ListPublicKeys: DER bytes, RSAPublicKey (PKCS#1) as CloudTrail returns
 * them, or SubjectPublicKeyInfo.
 */
export function importPublicKey(der: Uint8Array): KeyObject {
  const key = Buffer.from(der);
  try {
    return createPublicKey({ key, format: 'der', type: 'pkcs1' });
  } catch {
    return createPublicKey({ key, format: 'der', type: 'spki' });
  }
}
