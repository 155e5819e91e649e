import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

  /** What one query on the database answers: proof that it is open and usable. */
  const answer = async (database: Awaited<ReturnType<typeof openDatabase>>) =>
    database.query<{ answer: number }>("select 41 + 1 as answer", []);

  it("refuses a second opening of the same folder with a clear message, and allows it after close", async () => {
    const dir = newDir();
    const first = await openDatabase({ dataDir: dir });
    expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(
      new RegExp(`already open \\(process ${process.pid}, this one\\).*set DATABASE_URL`),
    );
    // The refused opening left the first one's lock alone.
    expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    expect(await answer(first)).toEqual([{ answer: 42 }]);
    await first.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const again = await openDatabase({ dataDir: dir });
    expect(await answer(again)).toEqual([{ answer: 42 }]);
    await again.close();
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    const dir = newDir();
    writeFileSync(`${dir}.lock`, "2147483646"); // no process has this pid
    const database = await openDatabase({ dataDir: dir });
    expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    expect(await answer(database)).toEqual([{ answer: 42 }]);
    await database.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
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
