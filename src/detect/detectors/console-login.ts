import type { LogEvent } from '../../logs/types.ts';
import { accountOf, eventIdOf, regionOf, timeOf } from '../event.ts';
import type { Detector, DetectorContext } from '../types.ts';
import { Buckets, type BucketState } from './buckets.ts';
import { key, unkey, windowHit } from './window-hit.ts';

/**
 * Console password guessing: failed `ConsoleLogin` events per account and source IP in
 * one-hour windows (across user names, which catches spraying). A success from the same IP in
 * the same window raises the finding to HIGH: the guess worked.
 */
const WINDOW_MS = 60 * 60_000;

export class ConsoleBruteForce implements Detector {
  readonly id = 'console-login';
  readonly kinds = ['cloudtrail'] as const;
  readonly eventSources = ['signin.amazonaws.com'];
  private readonly failures = new Buckets(WINDOW_MS);
  private readonly successes = new Buckets(WINDOW_MS);

  observe(event: LogEvent): void {
    if (event.kind !== 'cloudtrail') return;
    const r = event.record;
    if (r.eventName !== 'ConsoleLogin' || r.eventSource !== 'signin.amazonaws.com') return;
    const outcome = (r.responseElements as { ConsoleLogin?: string } | null)?.ConsoleLogin;
    const user = r.userIdentity?.userName ?? r.userIdentity?.arn ?? (r.additionalEventData?.UserName as string | undefined) ?? 'unknown';
    const k = key(accountOf(r), r.sourceIPAddress ?? 'unknown');
    const meta = { region: regionOf(r) };
    if (outcome === 'Failure' || (r.errorMessage ?? '').includes('Failed authentication')) {
      this.failures.add(k, timeOf(r), eventIdOf(r, event.ref), user, meta);
    } else if (outcome === 'Success') {
      this.successes.add(k, timeOf(r), eventIdOf(r, event.ref), r.userIdentity?.arn ?? user, meta);
    }
  }

  state(): unknown {
    return { failures: this.failures.state(), successes: this.successes.state() };
  }

  merge(state: unknown): void {
    const s = state as { failures: BucketState; successes: BucketState };
    this.failures.merge(s.failures);
    this.successes.merge(s.successes);
  }

  finish(ctx: DetectorContext): void {
    const threshold = ctx.threshold('consoleBruteForce', 10);
    const successes = new Map([...this.successes.entries()]);
    for (const { key: k, window } of this.failures.bestWindows()) {
      if (window.count < threshold) continue;
      const [account, ip] = unkey(k);
      const succeeded = (successes.get(k) ?? []).find(([, cell]) => cell.first >= window.first - WINDOW_MS && cell.first <= window.last + WINDOW_MS);
      ctx.emit(
        windowHit(window, {
          type: 'UnauthorizedAccess:IAMUser/ConsoleLoginBruteForce', account: account!, region: window.meta.region ?? 'us-east-1', actor: ip!,
          resource: { type: 'AWS::::Account', id: account! },
          severity: succeeded ? 'HIGH' : undefined,
          details: { sourceIPAddress: ip, userNames: window.distinct.slice(0, 20), failures: window.count, followedBySuccess: succeeded ? succeeded[1].distinct.slice(0, 5) : false },
        }),
      );
    }
  }
}
