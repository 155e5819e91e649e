import { desc, eq } from "drizzle-orm";
import { type Db, db, type Tx } from "../client";
import { type Version, versions } from "../schema";

export async function listVersions(appId: string): Promise<Version[]> {
  return (await db())
    .select()
    .from(versions)
    .where(eq(versions.appId, appId))
    .orderBy(desc(versions.createdAt));
}

export type NewVersion = { appId: string; version: string; build: string; sizeBytes: number; notes: string };

/** Inserts a version; pass the transaction that also emits its event. */
export async function insertVersion(tx: Db | Tx, values: NewVersion): Promise<Version> {
  const [version] = await tx.insert(versions).values(values).returning();
  if (!version) throw new Error("insert returned no row");
  return version;
}
