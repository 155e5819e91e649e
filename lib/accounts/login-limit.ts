import { addHit, clearHits, countHits, pruneHits } from "@/lib/db/queries/rate-limits";

/** Failed sign-ins allowed per window, per account and per client address. */
export const LOGIN_LIMITS = { perEmail: 5, perIp: 30, windowMs: 15 * 60 * 1000 };

const keys = (email: string, ip: string | null) => [
  { key: `login:email:${email}`, max: LOGIN_LIMITS.perEmail },
  ...(ip ? [{ key: `login:ip:${ip}`, max: LOGIN_LIMITS.perIp }] : []),
];

/** Milliseconds until another attempt is allowed, or 0 when one is allowed now. */
export async function loginBlockedFor(email: string, ip: string | null, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - LOGIN_LIMITS.windowMs);
  let wait = 0;
  for (const { key, max } of keys(email, ip)) {
    const { count, oldest } = await countHits(key, since);
    if (count >= max && oldest)
      wait = Math.max(wait, oldest.getTime() + LOGIN_LIMITS.windowMs - now.getTime());
  }
  return wait;
}

export async function recordLoginFailure(email: string, ip: string | null, now = new Date()): Promise<void> {
  for (const { key } of keys(email, ip)) {
    await pruneHits(key, new Date(now.getTime() - LOGIN_LIMITS.windowMs));
    await addHit(key, now);
  }
}

export async function recordLoginSuccess(email: string): Promise<void> {
  await clearHits(`login:email:${email}`);
}

export function formatWait(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  return minutes <= 1 ? "a minute" : `${minutes} minutes`;
}
