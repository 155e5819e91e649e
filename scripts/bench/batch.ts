/**
 * The batch ingest API under load (`POST /api/v1/apps/{appKey}/events/batch`): `concurrency` loops each
 * sending batches of `size` feedback events to one app after another. One Sent per accepted event, so the
 * run's arrival tracking treats them like single events (all events of a batch share its send time).
 */
import type { Pool } from "undici";
import { feedbackBody, type Sent } from "./load";
import type { SeededApp } from "./seed";
import { now } from "./stats";

async function sendBatch(pool: Pool, app: SeededApp, size: number): Promise<Sent[]> {
  const body = `{"events":[${Array.from({ length: size }, () => feedbackBody()).join(",")}]}`;
  const sentAt = now();
  try {
    const response = await pool.request({
      path: `/api/v1/apps/${app.appKey}/events/batch`,
      method: "POST",
      headers: { authorization: `Bearer ${app.key}`, "content-type": "application/json" },
      body,
    });
    const text = await response.body.text();
    const ms = now() - sentAt;
    if (response.statusCode !== 202) {
      return [{ sentAt, ms, status: response.statusCode, eventId: null, app, body: text.slice(0, 2000) }];
    }
    const { events } = JSON.parse(text) as { events: Array<{ id: string }> };
    return events.map((event) => ({ sentAt, ms, status: 202, eventId: event.id, app }));
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message;
    return [{ sentAt, ms: now() - sentAt, status: 0, eventId: null, app, error: code }];
  }
}

/** `concurrency` loops sending one batch after another for `durationMs`; every event's Sent, in order. */
export async function batchLoop(options: {
  pool: Pool;
  concurrency: number;
  size: number;
  durationMs: number;
  pick: () => SeededApp;
  onSent?: (sent: Sent) => void;
}): Promise<{ events: Sent[]; failed: Sent[]; requestMs: number[] }> {
  const events: Sent[] = [];
  const failed: Sent[] = [];
  const requestMs: number[] = [];
  const end = now() + options.durationMs;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (now() < end) {
        const sent = await sendBatch(options.pool, options.pick(), options.size);
        requestMs.push(sent[0]?.ms ?? 0);
        for (const item of sent) {
          if (item.eventId) events.push(item);
          else failed.push(item);
          options.onSent?.(item);
        }
      }
    }),
  );
  return { events, failed, requestMs };
}
