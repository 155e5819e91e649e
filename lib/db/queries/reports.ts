import "server-only";
import { desc, eq } from "drizzle-orm";
import { type Db, db, type Tx } from "../client";
import { type CrashReport, crashReports, type Feedback, feedback } from "../schema";

export type NewFeedback = Omit<typeof feedback.$inferInsert, "id" | "createdAt">;
export type NewCrashReport = Omit<typeof crashReports.$inferInsert, "id" | "createdAt">;

export async function insertFeedback(tx: Db | Tx, values: NewFeedback): Promise<Feedback> {
  const [row] = await tx.insert(feedback).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function insertCrashReport(tx: Db | Tx, values: NewCrashReport): Promise<CrashReport> {
  const [row] = await tx.insert(crashReports).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Newest first. */
export async function listFeedback(appId: string, limit = 50): Promise<Feedback[]> {
  return (await db())
    .select()
    .from(feedback)
    .where(eq(feedback.appId, appId))
    .orderBy(desc(feedback.createdAt))
    .limit(limit);
}

/** Newest first. */
export async function listCrashReports(appId: string, limit = 50): Promise<CrashReport[]> {
  return (await db())
    .select()
    .from(crashReports)
    .where(eq(crashReports.appId, appId))
    .orderBy(desc(crashReports.createdAt))
    .limit(limit);
}
