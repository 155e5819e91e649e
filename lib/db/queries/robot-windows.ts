import "server-only";
import { sql } from "drizzle-orm";
import { type Db, db } from "../client";
import { rowsOf } from "../rows";

/** Forgets robots (rate-limit windows) not sent to for a day: for the retention job. Returns how many. */
export async function purgeRobotWindows(conn?: Db): Promise<number> {
  const handle = conn ?? (await db());
  const rows = rowsOf<{ key: string }>(
    await handle.execute(sql`
      delete from robot_send_windows
      where free_at is null or free_at < now() - interval '1 day'
      returning key`),
  );
  return rows.length;
}
