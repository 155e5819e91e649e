import "server-only";
import { addHit, clearHits, countHits, pruneHits } from "@/lib/db/queries/rate-limits";

/** Sign-in attempts allowed per window, per account and (behind a trusted proxy) per client address. */
export const LOGIN_LIMITS = { perEmail: 5, perIp: 30, windowMs: 15 * 60 * 1000 };

const emailKey = (email: string) => `login:email:${email}`;
const ipKey = (ip: string) => `login:ip:${ip}`;

/**
 * The client's address from the header our own reverse proxy appends, when TRUST_PROXY says there is one.
 * Without a proxy the header is whatever the client sent, so it is not used (no per-address limit then).
 */
export function clientIp(headers: Headers, trustProxy: boolean): string | null {
  if (!trustProxy) return null;
  return headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || null;
}

async function waitFor(key: string, max: number, now: Date, inclusive: boolean): Promise<number> {
  const { count, oldest } = await countHits(key, new Date(now.getTime() - LOGIN_LIMITS.windowMs));
  const over = inclusive ? count > max : count >= max;
  return over && oldest ? Math.max(1, oldest.getTime() + LOGIN_LIMITS.windowMs - now.getTime()) : 0;
}

/** Milliseconds until sign-in is allowed again for this account/address (0 when allowed): for messages. */
export async function loginBlockedFor(email: string, ip: string | null, now = new Date()): Promise<number> {
  const byEmail = await waitFor(emailKey(email), LOGIN_LIMITS.perEmail, now, false);
  const byIp = ip ? await waitFor(ipKey(ip), LOGIN_LIMITS.perIp, now, false) : 0;
  return Math.max(byEmail, byIp);
}

/**
 * Counts this attempt for the account first and only then checks the limit, so parallel attempts cannot all
 * slip under it. Returns the wait in milliseconds, or 0 when the attempt may go ahead.
 */
export async function admitLoginAttempt(email: string, ip: string | null, now = new Date()): Promise<number> {
  await pruneHits(emailKey(email), new Date(now.getTime() - LOGIN_LIMITS.windowMs));
  await addHit(emailKey(email), now);
  const byEmail = await waitFor(emailKey(email), LOGIN_LIMITS.perEmail, now, true);
  const byIp = ip ? await waitFor(ipKey(ip), LOGIN_LIMITS.perIp, now, false) : 0;
  return Math.max(byEmail, byIp);
}

export async function recordLoginFailure(ip: string | null, now = new Date()): Promise<void> {
  if (!ip) return;
  await pruneHits(ipKey(ip), new Date(now.getTime() - LOGIN_LIMITS.windowMs));
  await addHit(ipKey(ip), now);
}

export async function recordLoginSuccess(email: string): Promise<void> {
  await clearHits(emailKey(email));
}

/** The wait before the next sign-in attempt, in whole minutes (at least one), as the refusal says it. */
export function waitMinutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}
