import { count } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { crashReports, deliveries, events, feedback, versions } from "@/lib/db/schema";

/** Row counts of the tables an ingest or dashboard change writes to: to prove nothing was stored. */
export async function tableCounts(): Promise<Record<string, number>> {
  const database = await db();
  const tables = { versions, feedback, crashReports, events, deliveries };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await database.select({ n: count() }).from(table);
    out[name] = row?.n ?? 0;
  }
  return out;
}
