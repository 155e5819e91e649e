/**
 * The bench's own database: a fresh `apphooks_bench_<hex>` on the server of DATABASE_URL (dropped at the
 * end), else embedded PGlite in a fresh temporary folder (removed at the end). Nothing else is touched.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";

export type BenchDatabase = {
  kind: "postgres" | "pglite";
  /** What the server and the seeding use: DATABASE_URL or PGLITE_DIR. */
  env: { DATABASE_URL?: string; PGLITE_DIR?: string };
  /** "PostgreSQL 15.20 …" or "PGlite 0.5.16 (PostgreSQL 17.x)". */
  version: string;
  /** Drops the database / removes the folder this created, and nothing else. */
  cleanup(): Promise<void>;
};

function admin(url: string) {
  return postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10, idle_timeout: 1 });
}

export async function createBenchDatabase(
  adminUrl: string | undefined,
  prefix: string,
): Promise<BenchDatabase> {
  if (adminUrl) {
    const name = `${prefix}_${randomBytes(6).toString("hex")}`;
    const sql = admin(adminUrl);
    let version = "PostgreSQL";
    try {
      await sql.unsafe(`create database "${name}"`);
      const [row] = await sql<Array<{ version: string }>>`select version()`;
      version = row?.version.split(" on ")[0] ?? version;
    } finally {
      await sql.end({ timeout: 5 });
    }
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    let dropped = false;
    return {
      kind: "postgres",
      env: { DATABASE_URL: url.toString() },
      version,
      cleanup: async () => {
        if (dropped) return;
        const drop = admin(adminUrl);
        try {
          await drop.unsafe(`drop database if exists "${name}" with (force)`);
          dropped = true;
        } finally {
          await drop.end({ timeout: 5 }).catch(() => {});
        }
      },
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), `${prefix}-pglite-`));
  const { PGlite } = await import("@electric-sql/pglite");
  const probe = new PGlite();
  const { rows } = await probe.query<{ version: string }>("select version()");
  await probe.close();
  const manifest = path.join(process.cwd(), "node_modules/@electric-sql/pglite/package.json");
  const pgliteVersion = (JSON.parse(await readFile(manifest, "utf8")) as { version: string }).version;
  return {
    kind: "pglite",
    env: { PGLITE_DIR: path.join(dir, "db") },
    version: `PGlite ${pgliteVersion} (${rows[0]?.version.split(" on ")[0] ?? "PostgreSQL"})`,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
