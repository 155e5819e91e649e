import type { WebhookType } from "./webhook-types";

/**
 * How fast each chat robot accepts messages (docs/robots.md#rate-windows). The limiter keeps every robot under these so that a
 * burst of events is queued, never rejected: WeCom and DingTalk 20 a minute (DingTalk then blocks the robot
 * for 10 minutes), Lark 5 a second and 100 a minute, Slack about 1 a second, Teams 4 a second, Discord 5 per
 * 2 seconds (its webhook bucket) and 30 a minute (per channel). "Other (JSON)" endpoints have no limit here.
 */
export type RateWindow = { max: number; perMs: number };

export type RateLimits = Record<WebhookType, readonly RateWindow[]>;

export const RATE_LIMITS: RateLimits = {
  json: [],
  wecom: [{ max: 20, perMs: 60_000 }],
  dingtalk: [{ max: 20, perMs: 60_000 }],
  lark: [
    { max: 5, perMs: 1000 },
    { max: 100, perMs: 60_000 },
  ],
  slack: [{ max: 1, perMs: 1000 }],
  discord: [
    { max: 5, perMs: 2000 },
    { max: 30, perMs: 60_000 },
  ],
  teams: [{ max: 4, perMs: 1000 }],
};

/**
 * How long a send counts against a window: the window plus a margin (5 %, at least 250 ms), because a send is
 * counted when it is claimed, a little before the service sees it, and the service's clock is not ours.
 */
export function heldMs(window: RateWindow): number {
  return window.perMs + Math.max(Math.round(window.perMs * 0.05), 250);
}

/** How many more sends the windows allow at `now`, given the times of earlier sends (ms). */
export function roomAt(sends: readonly number[], windows: readonly RateWindow[], now: number): number {
  let room = Number.POSITIVE_INFINITY;
  for (const window of windows) {
    const since = now - heldMs(window);
    const recent = sends.filter((at) => at > since).length;
    room = Math.min(room, Math.max(0, window.max - recent));
  }
  return room;
}

/** The earliest time at or after `now` when one more send is allowed. */
export function freeAt(sends: readonly number[], windows: readonly RateWindow[], now: number): number {
  const sorted = [...sends].sort((a, b) => a - b);
  let at = now;
  for (const window of windows) {
    // Allowed once the window holds fewer than `max`: when the max-th most recent send leaves it.
    const blocking = sorted[sorted.length - window.max];
    if (blocking !== undefined) at = Math.max(at, blocking + heldMs(window));
  }
  return at;
}

/**
 * Records `count` sends at `now`: the sends still needed by some window (at most the largest `max` of them)
 * and when the next send is allowed.
 */
export function reserve(
  sends: readonly number[],
  windows: readonly RateWindow[],
  count: number,
  now: number,
): { sends: number[]; freeAt: number } {
  const keepSince = now - Math.max(0, ...windows.map(heldMs));
  const keep = Math.max(0, ...windows.map((window) => window.max));
  const all = [...sends.filter((at) => at > keepSince), ...Array.from({ length: count }, () => now)].sort(
    (a, b) => a - b,
  );
  const kept = all.slice(Math.max(0, all.length - keep));
  return { sends: kept, freeAt: freeAt(kept, windows, now) };
}
