import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./client";

describe("embedded database folder", () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "apphooks-lock-")), "pglite");
    dirs.push(path.dirname(dir));
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a second opening of the same folder with a clear message, and allows it after close", async () => {
    const dir = newDir();
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/already open .*set DATABASE_URL/);
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    const dir = newDir();
    writeFileSync(`${dir}.lock`, "2147483646");
    const database = await openDatabase({ dataDir: dir });
    await database.close();
  });

  it("creates a new folder's cluster, keeps its data across openings and runs with the README's memory settings", async () => {
    const dir = newDir();
    const first = await openDatabase({ dataDir: dir });
    await first.db.execute(sql`create table kept (id int primary key)`);
    await first.db.execute(sql`insert into kept values (1)`);
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    const rows = await again.db.execute<{ id: number }>(sql`select id from kept`);
    const setting = await again.db.execute<{ shared_buffers: string }>(sql`show shared_buffers`);
    await again.close();
    // PGlite's result: { rows: [...] }.
    expect((rows as unknown as { rows: unknown[] }).rows).toEqual([{ id: 1 }]);
    expect((setting as unknown as { rows: unknown[] }).rows).toEqual([{ shared_buffers: "16MB" }]);
  });
});
