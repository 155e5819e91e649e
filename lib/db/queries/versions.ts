import "server-only";
import { and, desc, eq } from "drizzle-orm";
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

/** The app's version with this id, locked until the transaction ends (edits and deletes run one at a time). */
export async function lockVersion(tx: Tx, appId: string, versionId: string): Promise<Version | undefined> {
  const [version] = await tx
    .select()
    .from(versions)
    .where(and(eq(versions.appId, appId), eq(versions.id, versionId)))
    .for("update");
  return version;
}

export type VersionChanges = Partial<Pick<Version, "version" | "build" | "notes" | "hidden">>;

/** Updates a version (and its `updatedAt`); pass the transaction that also emits its event. */
export async function updateVersionRow(
  tx: Db | Tx,
  appId: string,
  versionId: string,
  values: VersionChanges,
): Promise<Version | undefined> {
  const [version] = await tx
    .update(versions)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(versions.appId, appId), eq(versions.id, versionId)))
    .returning();
  return version;
}

export async function deleteVersionRow(tx: Db | Tx, appId: string, versionId: string): Promise<boolean> {
  const rows = await tx
    .delete(versions)
    .where(and(eq(versions.appId, appId), eq(versions.id, versionId)))
    .returning({ id: versions.id });
  return rows.length > 0;
}
