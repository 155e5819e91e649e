import { desc, eq } from "drizzle-orm";
import { db } from "../client";
import { type Version, versions } from "../schema";

export async function listVersions(appId: string): Promise<Version[]> {
  return (await db())
    .select()
    .from(versions)
    .where(eq(versions.appId, appId))
    .orderBy(desc(versions.createdAt));
}

export async function insertVersion(values: {
  appId: string;
  version: string;
  build: string;
  sizeBytes: number;
  notes: string;
}): Promise<Version> {
  const [version] = await (await db()).insert(versions).values(values).returning();
  if (!version) throw new Error("insert returned no row");
  return version;
}
