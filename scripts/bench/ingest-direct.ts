/**
 * `npx tsx --conditions=react-server scripts/bench/ingest-direct.ts`: the ingest domain function (authenticate the key, ingestEvent,
 * record the key's use) called in-process, without Next.js or HTTP, against DATABASE_URL (its own database)
 * or PGlite: what the route costs beyond the domain work. Concurrency 1 (service time) and 16.
 */
import { createBenchDatabase } from "./database";
import { feedbackBody } from "./load";
import { freshEnvironment, openSeedDatabase, seedApps, seedTeam } from "./seed";
import { now, summarize } from "./stats";

const database = await createBenchDatabase(process.env.DATABASE_URL, "apphooks_bench_direct");
freshEnvironment(database.env);
const handle = await openSeedDatabase(database.env);
try {
  const { authenticateApiKey, recordApiKeyUse } = await import("@/lib/api-keys/api-keys");
  const { ingestEvent } = await import("@/lib/ingest/ingest-event");
  const team = await seedTeam("direct");
  const apps = await seedApps(team, Number(process.env.DIRECT_APPS ?? 10), "Direct", (i) =>
    [0, 1, 2].map((n) => `http://127.0.0.1:9/${i}/${n}`),
  );
  let round = 0;
  const parts = { auth: [] as number[], ingest: [] as number[], touch: [] as number[] };
  const one = async () => {
    const app = apps[round++ % apps.length];
    if (!app) return 0;
    const started = now();
    const key = await authenticateApiKey(`Bearer ${app.key}`);
    if (!key) throw new Error("key not found");
    const authenticated = now();
    await ingestEvent(key.teamId, app.appKey, JSON.parse(feedbackBody()));
    const ingested = now();
    await recordApiKeyUse(key.keyId);
    parts.auth.push(authenticated - started);
    parts.ingest.push(ingested - authenticated);
    parts.touch.push(now() - ingested);
    return now() - started;
  };
  for (const concurrency of [1, 16]) {
    for (let i = 0; i < 50; i++) await one(); // warm-up
    const times: number[] = [];
    for (const list of Object.values(parts)) list.length = 0;
    const cpuBefore = process.cpuUsage();
    const started = now();
    const end = started + 5000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (now() < end) times.push(await one());
      }),
    );
    const seconds = (now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuPerEvent = (cpu.user + cpu.system) / 1000 / times.length;
    const s = summarize(times);
    console.log(
      `${database.kind} concurrency ${concurrency}: ${(times.length / seconds).toFixed(0)} events/s, p50 ${s.p50.toFixed(2)} p99 ${s.p99.toFixed(2)} ms` +
        ` (p50 of authenticateApiKey ${summarize(parts.auth).p50.toFixed(2)}, ingestEvent ${summarize(parts.ingest).p50.toFixed(2)}, recordApiKeyUse ${summarize(parts.touch).p50.toFixed(2)} ms); this process's CPU ${cpuPerEvent.toFixed(2)} ms per event`,
    );
  }
} finally {
  await handle.close();
  await database.cleanup();
}
