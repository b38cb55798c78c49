import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the dashboard. Bound to loopback, reads need no token; anything else needs
 * one. Two browser-borne attacks are closed whatever the binding: DNS rebinding (the Host
 * header must name the address we listen on) and cross-site requests (an Origin header, when
 * present, must be our own).
 */

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface AccessPolicy {
  host: string;
  port: number;
  token?: string;
}

export type Verdict = { ok: true } | { ok: false; status: number; reason: string };

export function checkRequest(request: IncomingMessage, policy: AccessPolicy, mutation: boolean): Verdict {
  const hostHeader = String(request.headers.host ?? '');
  const hostName = hostHeader.replace(/:\d+$/, '');
  if (isLoopback(policy.host) && !isLoopback(hostName)) return { ok: false, status: 421, reason: 'unexpected Host header' };
  const origin = request.headers.origin;
  if (origin && origin !== 'null') {
    const originHost = safeHost(origin);
    if (originHost !== hostHeader) return { ok: false, status: 403, reason: 'cross-origin request refused' };
  }
  const needsToken = mutation || !isLoopback(policy.host);
  if (!needsToken) return { ok: true };
  if (!policy.token) return { ok: false, status: 403, reason: mutation ? 'changes need a token: start vigil serve with VIGIL_SERVE_TOKEN set' : 'token required' };
  const presented = presentedToken(request);
  if (!presented || !sameSecret(presented, policy.token)) return { ok: false, status: 401, reason: 'missing or wrong token' };
  return { ok: true };
}

export function presentedToken(request: IncomingMessage): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const cookie = request.headers.cookie ?? '';
  const match = /(?:^|;\s*)vigil_token=([^;]+)/.exec(cookie);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
