// Baseline (b): node:http + the pg-boss job queue, durable like AppHooks. The ingest route inserts the event
// row and one job per webhook in one transaction and answers 202; pg-boss workers in the same process fetch
// the jobs (woken by LISTEN/NOTIFY, fetching in batches) and POST each to its webhook. On a database of its
// own (config.databaseUrl, created and dropped by the bench).

import { PgBoss } from "pg-boss";
import postgres from "postgres";
import { config, deliver, deliveryBody, ready, serveIngest } from "./http.mjs";

const QUEUE = "deliveries";

const sql = postgres(config.databaseUrl, { max: 10, onnotice: () => {} });
await sql`create table if not exists bench_events (
  id uuid primary key,
  app_key text not null,
  body jsonb not null,
  created_at timestamptz not null default now()
)`;

const boss = new PgBoss({ connectionString: config.databaseUrl, max: 10, useListenNotify: true });
boss.on("error", (error) => console.error(`[pg-boss baseline] ${error.message}`));
await boss.start();
await boss.createQueue(QUEUE, { notify: true });
// One poller fetching up to 100 jobs at a time: under load its batches grow (fewer fetches per job); on this
// box it cost about half the CPU per event of 4 pollers × 32 (scripts/bench/README.md, "Baselines").
await boss.work(
  QUEUE,
  { batchSize: 100, localConcurrency: 1, burstWhenBatchFull: true, pollingIntervalSeconds: 0.5 },
  async (jobs) => {
    await Promise.all(jobs.map(({ data }) => deliver(data.url, data.eventId, data.body)));
  },
);

const server = await serveIngest(async ({ id, appKey, urls, event }) => {
  const body = deliveryBody(id, appKey, event);
  await sql.begin(async (tx) => {
    await tx`insert into bench_events (id, app_key, body) values (${id}, ${appKey}, ${event})`;
    // pg-boss inserts through the caller's transaction when given { db } (its IDatabase contract).
    const db = { executeSql: async (text, values) => ({ rows: await tx.unsafe(text, values) }) };
    await boss.insert(
      QUEUE,
      urls.map((url) => ({ data: { url, eventId: id, body } })),
      { db },
    );
  });
});

ready(server, async () => {
  await boss.stop({ graceful: false, wait: true }).catch(() => {});
  await sql.end({ timeout: 2 });
});
