import "server-only";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { setFlagsFromString } from "node:v8";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** One raw SQL statement with `$1…` parameters; resolves to its rows. */
export type Query = <T = Record<string, unknown>>(text: string, params: unknown[]) => Promise<T[]>;

export type Database = {
  db: Db;
  kind: "postgres" | "pglite";
  /**
   * One raw SQL statement with `$1…` parameters, for the hot paths (ingest): no query building, and on
   * Postgres a prepared statement (parsed and planned once per connection).
   */
  query: Query;
  /** Runs `work` in one transaction, its statements given as raw prepared SQL (as `query`). */
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; resolves to a function that stops listening. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

const migrationsFolder = path.join(process.cwd(), "drizzle");

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A PGlite folder must only ever be open in one process (and once in it): `<dir>.lock` holds the owner's pid.
 * A lock left by a process that no longer runs is taken over. Returns the release function.
 */
function lockDataDir(dataDir: string): () => void {
  const file = `${path.resolve(dataDir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      const release = () => rmSync(file, { force: true });
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(file, "utf8"));
      if (owner && processAlive(owner)) {
        throw new Error(
          `The embedded database in ${dataDir} is already open (process ${owner}${owner === process.pid ? ", this one" : ""}). ` +
            "Stop the other AppHooks process, or set DATABASE_URL to use Postgres for several processes.",
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${dataDir}.`);
}

/**
 * PGlite's Postgres settings, sized for AppHooks on a small VM (README, "Memory"). PGlite runs Postgres in a
 * WebAssembly memory that grows to its peak and never shrinks, so every buffer that fills counts for good:
 * - shared_buffers 128 MB → 16 MB: the page cache inside the WASM heap, all of it touched at start-up (pages
 *   not in it are read from the OS's file cache, which the kernel can reclaim); 16 MB holds the hot part of
 *   the delivery queue and its indexes.
 * - maintenance_work_mem 64 MB → 16 MB: CREATE INDEX in migrations, VACUUM.
 * - temp_buffers 8 MB → 1 MB: AppHooks uses no temporary tables.
 * Durability settings are PGlite's own and unchanged: synchronous_commit stays on, and every committed
 * transaction's WAL is written to the data folder's files before the query returns (a killed process loses
 * nothing acknowledged: npm run test:faults, "PGlite kill").
 */
export const pgliteStartParams = [
  ...PGlite.defaultStartParams,
  ...["shared_buffers=16MB", "maintenance_work_mem=16MB", "temp_buffers=1MB"].flatMap((setting) => [
    "-c",
    setting,
  ]),
];

/**
 * V8 compiles PGlite's 9 MB WebAssembly module on background threads by default, and glibc keeps each thread's
 * freed compiler memory in per-thread arenas for good (~30 MB resident, ~40 MB at the peak). Compiling on the
 * calling thread takes no longer here (the module is compiled lazily, function by function) and keeps that
 * memory in the main arena, where it is reused. Only PGlite's module is WebAssembly in AppHooks.
 */
function compileWebAssemblyOnThisThread(): void {
  setFlagsFromString("--wasm-num-compilation-tasks=0");
}

const runNode = promisify(execFile);

/**
 * Creates the cluster of a new PGlite data folder (initdb) in a short-lived child process: initdb runs in a
 * WebAssembly instance of its own whose memory (several hundred MB) the server would otherwise keep resident
 * for good. It initializes `<dir>.initdb` and renames it into place, so a start-up interrupted here leaves no
 * half-made folder behind.
 */
async function initializeDataDir(dataDir: string): Promise<void> {
  if (existsSync(path.join(dataDir, "PG_VERSION")) || readdirSync(dataDir).length > 0) return;
  const staging = `${path.resolve(dataDir)}.initdb`;
  rmSync(staging, { recursive: true, force: true });
  const script =
    'const { PGlite } = await import("@electric-sql/pglite");' +
    "const client = new PGlite(process.argv[1]); await client.waitReady; await client.close();";
  await runNode(process.execPath, ["--input-type=module", "-e", script, staging], { cwd: process.cwd() });
  rmSync(dataDir, { recursive: true });
  renameSync(staging, dataDir);
}

/**
 * Opens a database and applies the committed migrations: Postgres (postgres.js) when a URL is given,
 * otherwise embedded PGlite in `dataDir` (or in memory when `dataDir` is omitted).
 */
export async function openDatabase(options: {
  url?: string;
  dataDir?: string;
  /** Postgres connections in the pool (10 by default). */
  connections?: number;
}): Promise<Database> {
  if (options.url) {
    // connect_timeout 5 s (not postgres.js's 30 s): while the server restarts, requests fail fast with a 503.
    const client = postgres(options.url, {
      max: options.connections ?? 10,
      connect_timeout: 5,
      onnotice: () => {},
    });
    const db = drizzlePostgres(client, { schema });
    await migratePostgres(db, { migrationsFolder });
    const listen = async (channel: string, onNotify: () => void) => {
      const { unlisten } = await client.listen(channel, onNotify);
      return unlisten;
    };
    const on =
      (conn: Pick<postgres.Sql, "unsafe">): Query =>
      async <T>(text: string, params: unknown[]) =>
        (await conn.unsafe(text, params as postgres.ParameterOrJSON<never>[], {
          prepare: true,
        })) as unknown as T[];
    return {
      db: db as unknown as Db,
      kind: "postgres",
      query: on(client),
      transaction: async (work) =>
        (await client.begin((tx) => work(on(tx)))) as Awaited<ReturnType<typeof work>>,
      listen,
      close: () => client.end({ timeout: 5 }),
    };
  }
  let release = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    release = lockDataDir(options.dataDir);
  }
  try {
    if (options.dataDir) await initializeDataDir(options.dataDir);
    compileWebAssemblyOnThisThread();
    const client = new PGlite(options.dataDir, { startParams: pgliteStartParams });
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder });
    const close = async () => {
      await client.close();
      release();
    };
    const listen = async (channel: string, onNotify: () => void) => client.listen(channel, onNotify);
    const on =
      (conn: Pick<PGlite, "query">): Query =>
      async <T>(text: string, params: unknown[]) =>
        (await conn.query<T>(text, params)).rows;
    return {
      db: db as unknown as Db,
      kind: "pglite",
      query: on(client),
      transaction: (work) => client.transaction((tx) => work(on(tx))),
      listen,
      close,
    };
  } catch (error) {
    release();
    throw error;
  }
}

// One handle per process, kept on globalThis so that hot reloads and Next's separate bundles share it
// (a PGlite data folder must only ever be opened once).
const holder = globalThis as typeof globalThis & { __apphooksDatabase?: Promise<Database> };

/** Make this process use the given database (tests, scripts). */
export function useDatabase(database: Database): void {
  holder.__apphooksDatabase = Promise.resolve(database);
}

/** The process's database, opened from the environment and migrated on first use. */
export function database(): Promise<Database> {
  if (!holder.__apphooksDatabase) {
    holder.__apphooksDatabase = import("@/lib/env").then(({ env }) => {
      const { DATABASE_URL, PGLITE_DIR } = env();
      return openDatabase(DATABASE_URL ? { url: DATABASE_URL } : { dataDir: path.resolve(PGLITE_DIR) });
    });
    holder.__apphooksDatabase.catch(() => {
      holder.__apphooksDatabase = undefined;
    });
  }
  return holder.__apphooksDatabase;
}

/**
 * The database of the delivery worker running inside the web server: on Postgres a pool of its own, so that a
 * burst of API requests queues on the web's connections and not in front of the worker's claims and results
 * (which starved deliveries under load: npm run bench). PGlite has one connection: the process's.
 */
export async function workerDatabase(): Promise<Database> {
  const shared = await database();
  const { env } = await import("@/lib/env");
  const url = env().DATABASE_URL;
  return shared.kind === "postgres" && url ? openDatabase({ url, connections: 4 }) : shared;
}

export async function db(): Promise<Db> {
  return (await database()).db;
}

/** Runs `work` in one transaction of the process's database. */
export async function transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return (await db()).transaction(work);
}
