import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/**
 * Credentials: the SDK's standard chain for the caller (environment, shared config and
 * credentials files with `--profile`, SSO, web identity, ECS/EKS container and EC2 instance
 * roles), and assumed-role sessions for member accounts. Secrets never reach a log line.
 */

export function defaultCredentials(profile?: string): AwsCredentialIdentityProvider {
  return fromNodeProviderChain(profile ? { profile } : {});
}

/** Refresh a session this long before it expires, so a long collection never uses a stale one. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * A provider that calls `fetch` (e.g. STS AssumeRole through the client pool) once and again
 * only when the session nears expiry. Concurrent callers share one pending request.
 */
export function cachedCredentials(fetch: () => Promise<AwsCredentialIdentity>): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    if (current && (!current.expiration || current.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS)) return current;
    pending ??= fetch().then(
      (fresh) => {
        current = fresh;
        pending = undefined;
        return fresh;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}
