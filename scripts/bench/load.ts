/**
 * Producers for the ingest API: a closed loop at a fixed concurrency (as fast as the server answers) and an
 * open loop paced at a fixed rate (sends on schedule, whatever the answers do, up to a cap in flight).
 * Every request is recorded: when it was sent, how long the answer took, the status and the event id.
 */
import { Pool } from "undici";
import type { SeededApp } from "./seed";
import { now, sleep } from "./stats";

export type Sent = {
  /** When the request was sent (ms since the epoch, sub-ms precision). */
  sentAt: number;
  /** Time to the complete answer, ms. */
  ms: number;
  status: number;
  eventId: string | null;
  app: SeededApp;
  /** A connection error instead of an answer. */
  error?: string;
  /** The answer's body when it was not a 2xx (checked by the fault test). */
  body?: string;
};

export function ingestPool(origin: string, connections: number): Pool {
  return new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
}

let sequence = 0;

export function feedbackBody(): string {
  sequence++;
  return JSON.stringify({
    type: "feedback",
    content: `Bench feedback #${sequence}: the upload button does nothing on the second try.`,
    contact: "bench@example.test",
    device: "Pixel 8",
    version: "2.4",
    build: "139",
  });
}

/** One ingest request. */
export async function sendEvent(pool: Pool, app: SeededApp, body = feedbackBody()): Promise<Sent> {
  const sentAt = now();
  try {
    const response = await pool.request({
      path: `/api/v1/apps/${app.appKey}/events`,
      method: "POST",
      headers: { authorization: `Bearer ${app.key}`, "content-type": "application/json" },
      body,
    });
    const text = await response.body.text();
    const done = now();
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    let eventId: string | null = null;
    if (ok) eventId = (JSON.parse(text) as { id?: string }).id ?? null;
    return {
      sentAt,
      ms: done - sentAt,
      status: response.statusCode,
      eventId,
      app,
      body: ok ? undefined : text.slice(0, 2000),
    };
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message;
    return { sentAt, ms: now() - sentAt, status: 0, eventId: null, app, error: code };
  }
}

/** `concurrency` loops sending one event after another for `durationMs`. */
export async function closedLoop(options: {
  pool: Pool;
  concurrency: number;
  durationMs: number;
  pick: () => SeededApp;
  onSent?: (sent: Sent) => void;
}): Promise<Sent[]> {
  const results: Sent[] = [];
  const end = now() + options.durationMs;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (now() < end) {
        const sent = await sendEvent(options.pool, options.pick());
        results.push(sent);
        options.onSent?.(sent);
      }
    }),
  );
  return results;
}

/**
 * Sends `rate` events a second for `durationMs`, on schedule (open loop). When `maxInFlight` requests are
 * already waiting, the schedule slips (counted in `late`) rather than piling up without bound.
 */
export async function paced(options: {
  pool: Pool;
  rate: number;
  durationMs: number;
  maxInFlight: number;
  pick: () => SeededApp;
  onSent?: (sent: Sent) => void;
}): Promise<{ results: Sent[]; offered: number; late: number }> {
  const results: Sent[] = [];
  const pending = new Set<Promise<void>>();
  const start = now();
  let issued = 0;
  let late = 0;
  const total = Math.round((options.rate * options.durationMs) / 1000);
  while (issued < total) {
    const due = Math.min(total, Math.floor(((now() - start) * options.rate) / 1000) + 1);
    while (issued < due) {
      if (pending.size >= options.maxInFlight) {
        late++;
        await Promise.race(pending);
        continue;
      }
      issued++;
      const request: Promise<void> = sendEvent(options.pool, options.pick()).then((sent) => {
        results.push(sent);
        options.onSent?.(sent);
        pending.delete(request);
      });
      pending.add(request);
    }
    const next = start + (issued * 1000) / options.rate;
    const wait = next - now();
    if (wait > 1) await sleep(Math.min(wait, 5));
    else await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(pending);
  return { results, offered: total, late };
}

/**
 * Sends `count` events over the pool of the moment (`pool()`: a restarted server gets a new one), `concurrency`
 * at a time, as an SDK would: an event is sent again while `retry(sent)` says its outcome allows it and
 * `deadline` has not passed. `onAck` counts each acknowledged event as it comes. Returns every request sent.
 */
export async function produceUntilAcked(options: {
  pool: () => Pool;
  apps: SeededApp[];
  count: number;
  concurrency: number;
  retry: (sent: Sent) => boolean;
  onAck: () => void;
  deadline: number;
}): Promise<Sent[]> {
  const { apps, count } = options;
  const all: Sent[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < count) {
        const app = apps[next % apps.length] as SeededApp;
        next++;
        for (;;) {
          const sent = await sendEvent(options.pool(), app);
          all.push(sent);
          if (sent.eventId) {
            options.onAck();
            break;
          }
          if (!options.retry(sent) || Date.now() >= options.deadline) break;
          await sleep(100);
        }
      }
    }),
  );
  return all;
}
