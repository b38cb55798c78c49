import type { CallError } from '../inventory/snapshot.ts';

/**
 * Turns whatever an SDK call threw into the `{code, message}` the snapshot records
 * (Contract 3). Nothing here throws: collection records failures and goes on.
 */

export type ErrorKind = 'access-denied' | 'throttled' | 'region-unavailable' | 'not-found' | 'network' | 'other';

const ACCESS_DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|UnauthorizedAccess|AuthorizationError|Forbidden|AuthorizationErrorException)$/;
const THROTTLED = /^(Throttling|ThrottlingException|ThrottledException|TooManyRequestsException|RequestLimitExceeded|RequestThrottled|RequestThrottledException|SlowDown|ProvisionedThroughputExceededException|LimitExceededException|EC2ThrottledException|BandwidthLimitExceeded|PriorRequestNotComplete)$/;
/** A region the account has not opted into, or that this identity cannot reach at all. */
const REGION_UNAVAILABLE = /^(OptInRequired|UnrecognizedClientException|UnrecognizedClient|AuthFailure|InvalidClientTokenId|SubscriptionRequiredException|InvalidSignatureException)$/;
const NOT_FOUND = /(NotFound|NoSuch|NotFoundException|NotFoundError|DoesNotExist)|^(InvalidAccessException|AWSOrganizationsNotInUseException)$/;
const NETWORK = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|TimeoutError|RequestTimeout|RequestTimeoutException|NetworkingError)$/;

export function errorCode(error: unknown): string {
  const e = error as { name?: unknown; Code?: unknown; code?: unknown; $metadata?: { httpStatusCode?: number } } | undefined;
  const candidates = [e?.Code, e?.name, e?.code];
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && candidate && candidate !== 'Error' && candidate !== 'UnknownError') return candidate;
  }
  const status = e?.$metadata?.httpStatusCode;
  if (status === 403) return 'AccessDenied';
  if (status === 404) return 'NotFound';
  if (status) return `Http${status}`;
  return 'UnknownError';
}

/** The `{code, message}` recorded in the snapshot. Messages are trimmed to one line. */
export function toCallError(error: unknown): CallError {
  const code = errorCode(error);
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
  const message = (raw || code).split('\n')[0]!.slice(0, 500);
  return { code, message };
}

export function classifyError(codeOrError: string | unknown): ErrorKind {
  const code = typeof codeOrError === 'string' ? codeOrError : errorCode(codeOrError);
  if (ACCESS_DENIED.test(code)) return 'access-denied';
  if (THROTTLED.test(code)) return 'throttled';
  if (REGION_UNAVAILABLE.test(code)) return 'region-unavailable';
  if (NETWORK.test(code)) return 'network';
  if (NOT_FOUND.test(code)) return 'not-found';
  return 'other';
}
