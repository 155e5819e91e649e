import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Role } from "@/lib/domain/roles";
import { type Db, db, type Tx } from "../client";
import { type App, apps, memberships, teams, versions, webhooks } from "../schema";

export type AppListItem = App & {
  latestVersion: string | null;
  latestBuild: string | null;
  webhookCount: number;
};

// `"apps"."id"` spelled out: in a select from one table drizzle renders columns unqualified, so a bare
// ${apps.id} inside these subqueries would bind to the subquery's own `id` column.
const outerAppId = sql`${apps}.${sql.identifier("id")}`;

const latestVersion = (column: "version" | "build") =>
  sql<
    string | null
  >`(select ${sql.raw(column)} from ${versions} where ${versions.appId} = ${outerAppId} and not ${versions.hidden} order by ${versions.createdAt} desc limit 1)`;

export async function listAppsForTeam(teamId: string): Promise<AppListItem[]> {
  return (await db())
    .select({
      app: apps,
      latestVersion: latestVersion("version"),
      latestBuild: latestVersion("build"),
      webhookCount: sql<number>`(select count(*)::int from ${webhooks} where ${webhooks.appId} = ${outerAppId})`,
    })
    .from(apps)
    .where(eq(apps.teamId, teamId))
    .orderBy(desc(apps.createdAt))
    .then((rows) =>
      rows.map((row) => ({
        ...row.app,
        latestVersion: row.latestVersion,
        latestBuild: row.latestBuild,
        webhookCount: Number(row.webhookCount),
      })),
    );
}

export type AppForUser = { app: App; role: Role; teamName: string; payloadTimeZone: string };

/**
 * The app with this key, if it belongs to a team the user is a member of (and their role there, the team's
 * name and payload time zone).
 */
export async function findAppForUser(userId: string, appKey: string): Promise<AppForUser | undefined> {
  const [row] = await (await db())
    .select({
      app: apps,
      role: memberships.role,
      teamName: teams.name,
      payloadTimeZone: teams.payloadTimeZone,
    })
    .from(apps)
    .innerJoin(memberships, and(eq(memberships.teamId, apps.teamId), eq(memberships.userId, userId)))
    .innerJoin(teams, eq(teams.id, apps.teamId))
    .where(eq(apps.appKey, appKey))
    .limit(1);
  return row;
}

export async function insertApp(
  values: {
    appKey: string;
    teamId: string;
    name: string;
    platform: App["platform"];
    bundleId: string | null;
  },
  conn?: Db | Tx,
): Promise<App> {
  const [app] = await (conn ?? (await db())).insert(apps).values(values).returning();
  if (!app) throw new Error("insert returned no row");
  return app;
}

/** The app with this key if it belongs to this team (API keys act for a team). */
export async function findAppForTeam(teamId: string, appKey: string): Promise<App | undefined> {
  const [app] = await (await db())
    .select()
    .from(apps)
    .where(and(eq(apps.teamId, teamId), eq(apps.appKey, appKey)))
    .limit(1);
  return app;
}

/**
 * The app, if it still belongs to `teamId`, locked until the transaction ends: a settings change, transfer or
 * deletion ("update") runs against the app as it is now, one at a time; version changes ("share") only keep
 * it from being moved or deleted underneath them.
 */
export async function lockAppInTeam(
  tx: Tx,
  appId: string,
  teamId: string,
  mode: "update" | "share" = "update",
): Promise<App | undefined> {
  const [app] = await tx
    .select()
    .from(apps)
    .where(and(eq(apps.id, appId), eq(apps.teamId, teamId)))
    .for(mode);
  return app;
}

/** The team's app with this key, locked like lockAppInTeam: the ingest API finds and locks it in one statement. */
export async function lockAppByKey(
  tx: Tx,
  teamId: string,
  appKey: string,
  mode: "update" | "share",
): Promise<App | undefined> {
  const [app] = await tx
    .select()
    .from(apps)
    .where(and(eq(apps.teamId, teamId), eq(apps.appKey, appKey)))
    .for(mode);
  return app;
}

export type AppSettingsRow = Pick<App, "name" | "description" | "iconUrl" | "installPasswordEncrypted">;

/** Updates the app's settings (and `updatedAt`); pass the transaction that also emits the event. */
export async function updateAppRow(
  tx: Db | Tx,
  appId: string,
  values: Partial<AppSettingsRow>,
): Promise<App | undefined> {
  const [app] = await tx
    .update(apps)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(apps.id, appId))
    .returning();
  return app;
}

/** Moves the app (with its versions, webhooks and reports, which hang off the app) to another team. */
export async function moveAppToTeam(tx: Db | Tx, appId: string, teamId: string): Promise<App | undefined> {
  const [app] = await tx
    .update(apps)
    .set({ teamId, updatedAt: new Date() })
    .where(eq(apps.id, appId))
    .returning();
  return app;
}

/** Deletes the app; its versions, webhooks, feedback and crash reports go with it (ON DELETE CASCADE). */
export async function deleteAppRow(tx: Db | Tx, appId: string): Promise<boolean> {
  const rows = await tx.delete(apps).where(eq(apps.id, appId)).returning({ id: apps.id });
  return rows.length > 0;
}
