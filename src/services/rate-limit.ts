// A small in-memory rate limiter on the injected clock (so tests can move time). Counts
// live in this process only: a restart forgives, which is acceptable for one server; a
// second server would need the counts in SQLite.
import type { Clock } from '../domain/clock.js';

export interface Limit {
  /** How many hits a key may make per window. */
  max: number;
  windowMs: number;
}

/** The limits of the account flows, per e-mail address (account) and per client address (IP). */
export const LIMITS = {
  /**
   * Failed sign-ins per e-mail, known or not: never a block (that would lock the owner out), but
   * reaching the limit tells the owner by e-mail, once per window.
   */
  signInFailuresPerAccount: { max: 10, windowMs: 60 * 60_000 },
  /** Failed sign-ins per client address (a successful one costs nothing: offices share an address). */
  signInPerAddress: { max: 30, windowMs: 15 * 60_000 },
  resetPerAccount: { max: 3, windowMs: 60 * 60_000 },
  resetPerAddress: { max: 10, windowMs: 60 * 60_000 },
  /** Reset and invitation links tried per client address (a link is 256 random bits; this slows noise). */
  tokenPerAddress: { max: 30, windowMs: 15 * 60_000 },
  invitePerAccount: { max: 20, windowMs: 60 * 60_000 },
  invitePerAddress: { max: 30, windowMs: 60 * 60_000 },
  /** Invitations to one e-mail address, whoever sends them. */
  invitePerInvitee: { max: 3, windowMs: 60 * 60_000 },
  /** Event-space rental requests sent per client address (the public form, against spam). */
  rentalRequestPerAddress: { max: 5, windowMs: 60 * 60_000 },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/**
 * Failed sign-ins to one account from one address: a few are free, then each makes the next
 * wait twice as long, up to a ceiling; forgotten after a quiet hour or a success. The owner,
 * from another address, is not slowed.
 */
export const BACKOFF = { free: 3, firstMs: 1_000, maxMs: 15 * 60_000, forgetMs: 60 * 60_000 } as const;

interface Failures {
  count: number;
  last: number;
}

interface Window {
  start: number;
  count: number;
  windowMs: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly failures = new Map<string, Failures>();
  private lastSweep = 0;

  constructor(
    private readonly clock: Clock,
    private readonly limits: Record<LimitName, Limit> = LIMITS,
  ) {}

  private current(name: LimitName, key: string): Window | null {
    const now = this.clock.now();
    this.sweep(now);
    const w = this.windows.get(`${name}\u0000${key}`);
    if (!w || now - w.start >= w.windowMs) return null;
    return w;
  }

  /** Forgets every count (a restart does the same); for tests that each start afresh. */
  clearAll(): void {
    this.windows.clear();
    this.failures.clear();
  }

  /** How many hits `key` made in its current window. */
  countOf(name: LimitName, key: string): number {
    return this.current(name, key)?.count ?? 0;
  }

  /** Milliseconds `key` must wait before its next try, after its recorded failures (BACKOFF). */
  backoffWait(key: string): number {
    const now = this.clock.now();
    const f = this.failures.get(key);
    if (!f || now - f.last >= BACKOFF.forgetMs || f.count < BACKOFF.free) return 0;
    const delay = Math.min(BACKOFF.maxMs, BACKOFF.firstMs * 2 ** (f.count - BACKOFF.free));
    return Math.max(0, f.last + delay - now);
  }

  recordFailure(key: string): void {
    const now = this.clock.now();
    this.sweep(now);
    const f = this.failures.get(key);
    const fresh = !f || now - f.last >= BACKOFF.forgetMs;
    this.failures.set(key, { count: fresh ? 1 : f.count + 1, last: now });
  }

  forgetFailures(key: string): void {
    this.failures.delete(key);
  }

  /** Milliseconds until `key` may try again, or 0 when it is within its limit. */
  blockedFor(name: LimitName, key: string): number {
    const w = this.current(name, key);
    const limit = this.limits[name];
    if (!w || w.count < limit.max) return 0;
    return Math.max(1, w.start + w.windowMs - this.clock.now());
  }

  /** Counts one hit. */
  hit(name: LimitName, key: string): void {
    const now = this.clock.now();
    const w = this.current(name, key);
    if (w) w.count++;
    else this.windows.set(`${name}\u0000${key}`, { start: now, count: 1, windowMs: this.limits[name].windowMs });
  }

  /** Checks every (limit, key) pair; when all pass, counts one hit on each. Returns the longest wait. */
  take(checks: ReadonlyArray<readonly [LimitName, string]>): number {
    const wait = Math.max(0, ...checks.map(([name, key]) => this.blockedFor(name, key)));
    if (wait > 0) return wait;
    for (const [name, key] of checks) this.hit(name, key);
    return 0;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000 && this.windows.size + this.failures.size < 10_000) return;
    this.lastSweep = now;
    for (const [key, w] of this.windows) if (now - w.start >= w.windowMs) this.windows.delete(key);
    for (const [key, f] of this.failures) if (now - f.last >= BACKOFF.forgetMs) this.failures.delete(key);
  }
}
