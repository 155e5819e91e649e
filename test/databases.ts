import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
// Aliased: biome's React rules would take `useDatabase` (a plain function) for a hook.
import { type Database, useDatabase as makeProcessUse, openDatabase } from "@/lib/db/client";

export type DbKind = "pglite" | "postgres";

/**
 * The database DB tests run on: the one the environment names, as for the app — Postgres when DATABASE_URL is
 * set, else PGlite. CI runs `npm test` once with each (.ci/run), so both are covered without running the PGlite
 * tests twice.
 */
export function dbTargets(): DbKind[] {
  return process.env.DATABASE_URL ? ["postgres"] : ["pglite"];
}

function adminClient(url: string) {
  return postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10, idle_timeout: 1 });
}

/**
 * Gives the enclosing `describe` a fresh, migrated database and makes the process use it:
 * in-memory PGlite, or a throw-away database `apphooks_test_<hex>` on the DATABASE_URL server that is
 * dropped afterwards (only that one). Tests within a file run sequentially, so swapping the process-wide
 * handle per `describe` is safe.
 */
export function useTestDatabase(kind: DbKind): void {
  let handle: Database | undefined;
  let created: { name: string; adminUrl: string } | undefined;

  beforeAll(async () => {
    if (kind === "pglite") {
      handle = await openDatabase({});
    } else {
      const adminUrl = process.env.DATABASE_URL;
      if (!adminUrl) throw new Error("DATABASE_URL is not set");
      const name = `apphooks_test_${randomBytes(6).toString("hex")}`;
      const admin = adminClient(adminUrl);
      try {
        await admin.unsafe(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end({ timeout: 5 });
      }
      // Recorded only once it exists, so afterAll never drops a database it did not create.
      created = { name, adminUrl };
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      handle = await openDatabase({ url: url.toString() });
    }
    makeProcessUse(handle);
  });

  afterAll(async () => {
    await handle?.close();
    handle = undefined;
    if (created) {
      const admin = adminClient(created.adminUrl);
      try {
        await admin.unsafe(`DROP DATABASE IF EXISTS "${created.name}" WITH (FORCE)`);
        created = undefined;
      } finally {
        await admin.end({ timeout: 5 });
      }
    }
  });
}
