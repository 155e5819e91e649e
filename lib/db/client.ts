import { mkdirSync } from "node:fs";
import path from "node:path";
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

export type Database = {
  db: Db;
  kind: "postgres" | "pglite";
  close(): Promise<void>;
};

const migrationsFolder = path.join(process.cwd(), "drizzle");

/**
 * Opens a database and applies the committed migrations: Postgres (postgres.js) when a URL is given,
 * otherwise embedded PGlite in `dataDir` (or in memory when `dataDir` is omitted).
 */
export async function openDatabase(options: { url?: string; dataDir?: string }): Promise<Database> {
  if (options.url) {
    const client = postgres(options.url, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema });
    await migratePostgres(db, { migrationsFolder });
    return { db: db as unknown as Db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite(options.dataDir);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: "pglite", close: () => client.close() };
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

export async function db(): Promise<Db> {
  return (await database()).db;
}
