import "server-only";
import { type Database, database as processDatabase, type Query } from "@/lib/db/client";
import {
  CANDIDATES,
  type Candidate,
  DIGEST_DUE,
  DIGEST_EVENTS,
  DIGEST_TAKE,
  type DigestDue,
  type DigestEventRow,
  ENSURE_WINDOWS,
  LOCK_WINDOWS,
  SAVE_WINDOW,
  TAKE,
  type TakenRow,
} from "@/lib/db/queries/delivery-engine";
import { RATE_LIMITS, type RateLimits, reserve, roomAt } from "@/lib/domain/rate-windows";
import type { WebhookType } from "@/lib/domain/webhook-types";
import type { ClaimedDelivery } from "./types";

export type ClaimOptions = {
  /** Most rows to claim. */
  batch: number;
  /** How long the rows belong to this worker. */
  leaseMs: number;
  /** Most rows of one webhook in flight (status sending, lease not expired), counting other workers'. */
  perWebhookCap: number;
  /**
   * The rate limiter's clock (ms since the epoch): Date.now by default; tests inject their own. It is read
   * as late as possible (under the robots' locks), so that a send counts from close to when it leaves.
   */
  clock?: () => number;
  /** Chat robots' rate limits by webhook type (lib/domain/rate-windows.ts): RATE_LIMITS by default. */
  rateLimits?: RateLimits;
  /** Most deliveries one digest message carries (docs/robots.md#digests): DIGEST_MAX_EVENTS by default. */
  digestMax?: number;
};

/** Most deliveries one digest message carries: its facts are read from all of them when it is rendered. */
export const DIGEST_MAX_EVENTS = 500;
/** How many due rows of a digest webhook are looked at to decide its digests (one statement per claim). */
const DIGEST_LOOKAHEAD = 2000;

export type Claim = {
  rows: ClaimedDelivery[];
  /**
   * When the first robot that has due deliveries but is at its rate limit (or paused by the service) may be
   * sent to again, on the limiter's clock; null when none waits. Those deliveries stay pending, due, and
   * untouched: no attempt is counted.
   */
  nextFreeAt: number | null;
};

const millis = (value: Date | string | null | undefined): number | null =>
  value == null ? null : value instanceof Date ? value.getTime() : new Date(value).getTime();

const dateOf = (value: Date | string | null): Date | null =>
  value == null ? null : value instanceof Date ? value : new Date(value);

function claimedOf(row: TakenRow): ClaimedDelivery {
  return {
    id: row.id,
    eventId: row.event_id,
    webhookId: row.webhook_id,
    attempts: row.attempts,
    target: row.target,
    ...(row.digest_id !== null && row.digest_id === row.id ? { digest: [] } : {}),
    event: { id: row.event_id, type: row.event_type, facts: row.facts },
    timeZone: row.time_zone,
    webhook:
      row.live_id === null
        ? null
        : {
            id: row.live_id,
            url: row.url,
            type: row.type,
            language: row.language,
            enabled: row.enabled,
            secretEncrypted: row.secret_encrypted,
            signingSecretEncrypted: row.signing_secret_encrypted,
            previousSigningSecretEncrypted: row.previous_signing_secret_encrypted,
            previousSecretExpiresAt: dateOf(row.previous_secret_expires_at),
          },
  };
}

/** Takes the quotas' rows (TAKE): at most `batch` in all. */
async function takeRows(
  query: Query,
  workerId: string,
  quotas: Array<{ webhookId: string; take: number }>,
  batch: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  const wanted = quotas
    .filter((quota) => quota.take > 0)
    .map((quota) => ({ webhook_id: quota.webhookId, take: Math.min(quota.take, batch) }));
  if (wanted.length === 0) return [];
  const rows = await query<TakenRow>(TAKE, [JSON.stringify(wanted), batch, leaseMs, workerId]);
  return rows.map(claimedOf);
}

type DigestQuota = { webhook_id: string; type: string | null; take: number; carrier: string | null };

/**
 * How a digest webhook uses its `sends` (docs/robots.md#digests): when what is due fits, nothing is merged
 * (null: an ordinary quota). Otherwise each due carrier is one send, and the rows of each event type go in
 * digests of at most `max`, oldest first, as many as the sends allow.
 */
export function planDigests(
  due: DigestDue[],
  sends: number,
  max: number,
): { quotas: DigestQuota[]; sends: number } | null {
  const total = due.reduce((sum, group) => sum + group.n, 0);
  if (total <= sends) return null;
  const units = due
    .flatMap((group) =>
      group.carrier
        ? [{ group, rows: 1 }]
        : Array.from({ length: Math.ceil(group.n / max) }, (_, index) => ({
            group,
            rows: Math.min(max, group.n - index * max),
          })),
    )
    .sort((a, b) => (millis(a.group.first_due) ?? 0) - (millis(b.group.first_due) ?? 0))
    .slice(0, sends);
  const quotas = new Map<string, DigestQuota>();
  for (const { group, rows } of units) {
    const key = group.carrier ?? `type:${group.type}`;
    const quota = quotas.get(key) ?? {
      webhook_id: group.webhook_id,
      type: group.carrier ? null : group.type,
      take: 0,
      carrier: group.carrier,
    };
    quota.take += rows;
    quotas.set(key, quota);
  }
  return { quotas: [...quotas.values()], sends: units.length };
}

/** The digests' events, for the carriers among `rows` (one statement when there are any). */
async function withDigests(query: Query, rows: ClaimedDelivery[]): Promise<ClaimedDelivery[]> {
  const carriers = rows.filter((row) => row.digest);
  if (carriers.length === 0) return rows;
  const events = await query<DigestEventRow>(DIGEST_EVENTS, [carriers.map((row) => row.id)]);
  const byCarrier = new Map<string, ClaimedDelivery["digest"]>(carriers.map((row) => [row.id, []]));
  for (const event of events) {
    byCarrier
      .get(event.digest_id)
      ?.push({ deliveryId: event.delivery_id, id: event.id, type: event.type, facts: event.facts });
  }
  return rows.map((row) => (row.digest ? { ...row, digest: byCarrier.get(row.id) ?? [] } : row));
}

/** Claims due deliveries (see claim); the rows only. */
export async function claimDue(
  workerId: string,
  options: ClaimOptions,
  database?: Database,
): Promise<ClaimedDelivery[]> {
  return (await claim(workerId, options, database)).rows;
}

/**
 * Claims due deliveries for a worker:
 * 1. picks the webhooks with due rows that are under the per-webhook cap and whose robot is not waiting for its
 *    rate limit (oldest due first, at most `batch`), in one statement (CANDIDATES);
 * 2. takes up to cap − in flight due rows of each (TAKE, one statement). When chat robots are among them,
 *    in one transaction: locks the robots' rate-limit rows (`FOR UPDATE SKIP LOCKED`: a robot another worker
 *    is claiming for is left to that worker), computes how many sends each robot's windows allow now, takes
 *    at most that many of its rows, and records the sends in the robot's window before committing.
 * So the rate limits hold across any number of workers: a robot's window is only read and written under its
 * row lock. Robots are keyed by md5 of their URL: webhooks of several apps posting to one robot share it.
 *
 * The per-webhook cap counts rows in flight as of step 1: exact for one worker; workers claiming at the very
 * same moment may each take the remaining room of a webhook (at most cap × such workers in flight).
 */
export async function claim(workerId: string, options: ClaimOptions, database?: Database): Promise<Claim> {
  const handle = database ?? (await processDatabase());
  const { batch, leaseMs, perWebhookCap: cap } = options;
  const clock = options.clock ?? Date.now;
  const limits = options.rateLimits ?? RATE_LIMITS;
  const limitedTypes = (Object.keys(limits) as WebhookType[]).filter((type) => limits[type].length > 0);

  const candidates = await handle.query<Candidate>(CANDIDATES, [
    cap,
    limitedTypes,
    new Date(clock()).toISOString(),
    batch,
  ]);
  let nextFreeAt = millis(candidates[0]?.next_free);
  const ready = candidates
    .filter((row): row is Candidate & { webhook_id: string } => row.webhook_id !== null)
    .sort((a, b) => (millis(a.first_due) ?? 0) - (millis(b.first_due) ?? 0));
  if (ready.length === 0) return { rows: [], nextFreeAt };

  const windowsOf = (type: WebhookType | null) => (type ? (limits[type] ?? []) : []);
  const robotKeys = [
    ...new Set(
      ready
        .filter((row) => windowsOf(row.type).length > 0 && row.rate_key)
        .map((row) => row.rate_key as string),
    ),
  ].sort();
  const quotaOf = (row: Candidate & { webhook_id: string }, room: number) => ({
    webhookId: row.webhook_id,
    take: Math.min(cap - (row.busy ?? 0), room),
  });
  if (robotKeys.length === 0) {
    // No robot among them (the common case): one statement, atomic by itself, no transaction.
    const quotas = ready.map((row) => quotaOf(row, cap));
    const rows = await takeRows(handle.query, workerId, quotas, batch, leaseMs);
    return { rows: await withDigests(handle.query, rows), nextFreeAt };
  }

  // Outside the transaction: a new robot's row exists before anyone locks it.
  await handle.query(ENSURE_WINDOWS, [robotKeys]);
  const claimed = await handle.transaction(async (query) => {
    const robots = new Map<string, { sends: number[]; freeAt: number | null; room: number }>();
    const locked = await query<{ key: string; sends: number[] | string; free_at: Date | string | null }>(
      LOCK_WINDOWS,
      [robotKeys],
    );
    for (const row of locked) {
      const sends = (typeof row.sends === "string" ? JSON.parse(row.sends) : row.sends) as number[];
      robots.set(row.key, { sends, freeAt: millis(row.free_at), room: 0 });
    }
    // Room per robot: none while a pause the service asked for lasts; else what every window allows.
    const now = clock();
    const typeOfKey = new Map(ready.map((row) => [row.rate_key, row.type]));
    for (const [key, robot] of robots) {
      const paused = robot.freeAt !== null && robot.freeAt > now;
      robot.room = paused ? 0 : roomAt(robot.sends, windowsOf(typeOfKey.get(key) ?? null), now);
    }
    const quotas: Array<{ webhookId: string; take: number }> = [];
    for (const row of ready) {
      let quota = quotaOf(row, cap);
      if (windowsOf(row.type).length > 0) {
        const robot = row.rate_key ? robots.get(row.rate_key) : undefined;
        if (!robot) continue; // another worker holds this robot's window right now
        quota = quotaOf(row, robot.room);
        robot.room -= Math.max(0, quota.take);
      }
      if (quota.take > 0) quotas.push(quota);
    }
    if (quotas.length === 0) return { rows: [] as ClaimedDelivery[], robots, now };

    // Digest webhooks whose due rows are more than their sends: merged into digests (docs/robots.md#digests).
    const digestHooks = new Set(
      ready.filter((row) => row.digest && windowsOf(row.type).length > 0).map((row) => row.webhook_id),
    );
    const digestQuotas: DigestQuota[] = [];
    const asDigests = quotas.filter((quota) => digestHooks.has(quota.webhookId));
    if (asDigests.length > 0) {
      const due = await query<DigestDue>(DIGEST_DUE, [
        asDigests.map((quota) => quota.webhookId),
        DIGEST_LOOKAHEAD,
      ]);
      for (const quota of asDigests) {
        const plan = planDigests(
          due.filter((group) => group.webhook_id === quota.webhookId),
          quota.take,
          options.digestMax ?? DIGEST_MAX_EVENTS,
        );
        if (!plan) continue;
        digestQuotas.push(...plan.quotas);
        quota.take = 0;
      }
    }
    const digestRows =
      digestQuotas.length === 0
        ? []
        : (
            await query<TakenRow>(DIGEST_TAKE, [
              JSON.stringify(digestQuotas),
              options.digestMax ?? DIGEST_MAX_EVENTS,
              leaseMs,
              workerId,
            ])
          ).map(claimedOf);
    const rest = batch - digestRows.length;
    const rows = [...digestRows, ...(rest > 0 ? await takeRows(query, workerId, quotas, rest, leaseMs) : [])];

    // Record the sends in each robot's window, under its lock, before anyone else can read it.
    const keyOf = new Map(ready.map((row) => [row.webhook_id, row.rate_key]));
    const sentPerKey = new Map<string, number>();
    for (const row of rows) {
      const key = keyOf.get(row.webhookId);
      if (key && robots.has(key)) sentPerKey.set(key, (sentPerKey.get(key) ?? 0) + 1);
    }
    for (const [key, count] of sentPerKey) {
      const robot = robots.get(key);
      if (!robot) continue;
      const next = reserve(robot.sends, windowsOf(typeOfKey.get(key) ?? null), count, now);
      const free = Math.max(next.freeAt, robot.freeAt ?? 0);
      robot.freeAt = free;
      await query(SAVE_WINDOW, [key, JSON.stringify(next.sends), new Date(free).toISOString()]);
    }
    return { rows, robots, now };
  });

  // Robots that ran out of room (and may still have due rows): wake up when the first frees up.
  for (const robot of claimed.robots.values()) {
    if (robot.freeAt !== null && robot.freeAt > claimed.now) {
      nextFreeAt = nextFreeAt === null ? robot.freeAt : Math.min(nextFreeAt, robot.freeAt);
    }
  }
  return { rows: await withDigests(handle.query, claimed.rows), nextFreeAt };
}
