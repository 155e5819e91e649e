import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type Database, database as processDatabase } from "@/lib/db/client";
import { FRESH_INTERVALS, type LiveWorker, liveWorkers } from "@/lib/db/queries/heartbeats";
import { appliedMigrations, ping } from "@/lib/db/queries/operations";
import { serverService } from "@/lib/delivery/service";
import { env } from "@/lib/env";
import { describeError, logError } from "@/lib/log-error";
import { shuttingDown } from "@/lib/observability/shutdown";

type Check = { ok: boolean; message?: string };

export type Readiness = {
  status: "ready" | "not_ready";
  /** The checks that failed, by name (empty when ready). */
  failing: string[];
  checks: {
    database: Check & { kind?: Database["kind"]; ms?: number };
    migrations: Check & { applied?: number; expected?: number; latest?: string };
    worker: Check & {
      /** Which worker this server needs: its own (in-process), a standalone one, or none (cron drain). */
      requires: "in-process" | "standalone" | "none";
      workers?: Array<{ id: string; kind: LiveWorker["kind"]; seenMsAgo: number }>;
    };
    shutdown: Check;
  };
};

/** How long the database may take to answer before the server is reported not ready. */
const DATABASE_TIMEOUT_MS = 3000;

/** The migrations this code expects: those in drizzle/'s journal (read once). */
let journal: { count: number; latestTag: string; latestWhen: number } | undefined;
function expectedMigrations() {
  if (!journal) {
    const file = path.join(process.cwd(), "drizzle", "meta", "_journal.json");
    const { entries } = JSON.parse(readFileSync(file, "utf8")) as {
      entries: Array<{ tag: string; when: number }>;
    };
    const latest = entries.at(-1);
    journal = { count: entries.length, latestTag: latest?.tag ?? "", latestWhen: latest?.when ?? 0 };
  }
  return journal;
}

type WorkerRequirement = Readiness["checks"]["worker"]["requires"];

/**
 * The worker this server relies on: its own (DELIVERY_WORKER=on); else a standalone one, unless
 * DELIVERY_DRAIN_TOKEN says a cron job drains the deliveries (then none).
 */
export function workerRequirement(): WorkerRequirement {
  const settings = env();
  if (settings.DELIVERY_WORKER === "on") return "in-process";
  return settings.DELIVERY_DRAIN_TOKEN ? "none" : "standalone";
}

function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Whether this server should receive traffic (docs/operations.md#health-and-readiness): the database answers,
 * every migration of this code is applied, the delivery worker it relies on has a fresh heartbeat, and it is
 * not shutting down. Failures are said in words; the details of a database error go to the log only.
 */
export async function readiness(
  options: {
    /** The database to check; the process's by default. */
    open?: () => Promise<Database>;
    /** The worker this server relies on; from the environment by default (workerRequirement). */
    requires?: WorkerRequirement;
  } = {},
): Promise<Readiness> {
  const open = options.open ?? processDatabase;
  const requires = options.requires ?? workerRequirement();
  const notChecked = "Not checked: the database did not answer.";
  const checks: Readiness["checks"] = {
    database: { ok: false },
    migrations: { ok: false, message: notChecked },
    worker: { ok: false, requires, message: notChecked },
    shutdown: { ok: true },
  };

  let database: Database | undefined;
  const started = Date.now();
  try {
    const handle = await within(
      open().then(async (opened) => {
        await ping(opened);
        return opened;
      }),
      DATABASE_TIMEOUT_MS,
      `The database did not answer within ${DATABASE_TIMEOUT_MS / 1000} s.`,
    );
    database = handle;
    checks.database = { ok: true, kind: handle.kind, ms: Date.now() - started };
  } catch (error) {
    logError("ready", error);
    const timedOut = error instanceof Error && error.message.startsWith("The database did not answer");
    const code = (error as { code?: unknown }).code;
    checks.database = {
      ok: false,
      message: timedOut
        ? (error as Error).message
        : `The database is unreachable${typeof code === "string" ? ` (${code})` : ""}.`,
    };
  }

  if (database) {
    const [migrations, workers] = await Promise.allSettled([
      within(appliedMigrations(database), DATABASE_TIMEOUT_MS, "The migrations could not be read in time."),
      within(
        liveWorkers(database.db),
        DATABASE_TIMEOUT_MS,
        "The worker heartbeats could not be read in time.",
      ),
    ]);
    const expected = expectedMigrations();
    if (migrations.status === "fulfilled") {
      const { count, latest } = migrations.value;
      const ok = count >= expected.count && (latest ?? 0) >= expected.latestWhen;
      checks.migrations = {
        ok,
        applied: count,
        expected: expected.count,
        latest: expected.latestTag,
        ...(ok ? {} : { message: `The database lacks migrations up to ${expected.latestTag}.` }),
      };
    } else {
      checks.migrations = { ok: false, message: describeError(migrations.reason) };
    }
    if (workers.status === "fulfilled") {
      checks.worker = await workerCheck(requires, workers.value);
    } else {
      checks.worker = { ok: false, requires, message: describeError(workers.reason) };
    }
  }

  // Read last: the state when the answer leaves, after the database checks (which may take a while).
  if (shuttingDown()) checks.shutdown = { ok: false, message: "This server is shutting down." };
  const failing = Object.entries(checks)
    .filter(([, check]) => !check.ok)
    .map(([name]) => name);
  return { status: failing.length === 0 ? "ready" : "not_ready", failing, checks };
}

async function workerCheck(
  requires: WorkerRequirement,
  live: LiveWorker[],
): Promise<Readiness["checks"]["worker"]> {
  const workers = live.map((worker) => ({
    id: worker.workerId,
    kind: worker.kind,
    seenMsAgo: worker.seenMsAgo,
  }));
  const fresh = `within ${FRESH_INTERVALS} heartbeat intervals`;
  if (requires === "in-process") {
    const own = await serverService()?.catch(() => undefined);
    if (!own) {
      return { ok: false, requires, workers, message: "The delivery worker of this server has not started." };
    }
    const ok = live.some((worker) => worker.workerId === own.workerId);
    return {
      ok,
      requires,
      workers,
      ...(ok
        ? {}
        : { message: `The delivery worker of this server (${own.workerId}) has not reported ${fresh}.` }),
    };
  }
  if (requires === "standalone" && live.length === 0) {
    return {
      ok: false,
      requires,
      workers,
      message: `No delivery worker has reported ${fresh}: this server runs none (DELIVERY_WORKER=off), start \`npm run worker\`.`,
    };
  }
  return { ok: true, requires, workers };
}
