import "server-only";
import { and, asc, desc, eq, isNotNull, type SQL, sql } from "drizzle-orm";
import type { AuditActorType, AuditChange, AuditKind } from "@/lib/domain/audit";
import { type Db, db, type Tx } from "../client";
import { rowsOf } from "../rows";
import { type AuditEntry, apiKeys, auditEntries, users } from "../schema";

export type NewAuditEntry = {
  teamId: string;
  at: Date;
  actorType: AuditActorType;
  actorId: string;
  address: string | null;
  appId: string | null;
  appName: string | null;
  kind: AuditKind;
  targetId: string | null;
  targetName: string | null;
  changes: AuditChange[];
};

/**
 * Writes one entry in the caller's transaction (the one that makes the change), with the actor's name as it is
 * now: the user's, or the API key's.
 */
export async function insertAuditEntry(tx: Db | Tx, entry: NewAuditEntry): Promise<AuditEntry> {
  const name =
    entry.actorType === "user"
      ? sql<string>`(select ${users.name} from ${users} where ${users.id} = ${entry.actorId}::uuid)`
      : sql<string>`(select ${apiKeys.name} from ${apiKeys} where ${apiKeys.id} = ${entry.actorId}::uuid)`;
  const [row] = await tx
    .insert(auditEntries)
    .values({ ...entry, actorName: sql`coalesce(${name}, '')` })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** An entry as lists show it; `atKey` is `at` as Postgres text (microseconds, for cursors). */
export type AuditRow = AuditEntry & { atKey: string };

export type AuditFilter = {
  actor?: { type: AuditActorType; id: string };
  appId?: string;
  kind?: AuditKind;
  /** At or after / before this time. */
  since?: Date;
  until?: Date;
  /** Only entries older than this one, in (at, id) order: the keyset of the previous page's last entry. */
  before?: { atKey: string; id: string };
  limit: number;
};

const columns = { entry: auditEntries, atKey: sql<string>`${auditEntries.at}::text` };

/**
 * One page of the team's entries, newest first, keyset-paginated on (at, id) along audit_entries_team_at_idx
 * (scanned backwards; the kind, app and actor filters have indexes of their own).
 */
export async function listAuditEntries(teamId: string, filter: AuditFilter): Promise<AuditRow[]> {
  const conditions: SQL[] = [eq(auditEntries.teamId, teamId)];
  if (filter.actor) {
    conditions.push(eq(auditEntries.actorType, filter.actor.type), eq(auditEntries.actorId, filter.actor.id));
  }
  if (filter.appId) conditions.push(eq(auditEntries.appId, filter.appId));
  if (filter.kind) conditions.push(eq(auditEntries.kind, filter.kind));
  if (filter.since) conditions.push(sql`${auditEntries.at} >= ${filter.since.toISOString()}::timestamptz`);
  if (filter.until) conditions.push(sql`${auditEntries.at} < ${filter.until.toISOString()}::timestamptz`);
  if (filter.before) {
    conditions.push(
      sql`(${auditEntries.at}, ${auditEntries.id}) < (${filter.before.atKey}::timestamptz, ${filter.before.id}::uuid)`,
    );
  }
  const rows = await (await db())
    .select(columns)
    .from(auditEntries)
    .where(and(...conditions))
    .orderBy(desc(auditEntries.at), desc(auditEntries.id))
    .limit(filter.limit);
  return rows.map(({ entry, atKey }) => ({ ...entry, atKey }));
}

/** One of the team's entries; undefined for another team's. */
export async function findAuditEntry(teamId: string, id: string): Promise<AuditRow | undefined> {
  const [row] = await (await db())
    .select(columns)
    .from(auditEntries)
    .where(and(eq(auditEntries.teamId, teamId), eq(auditEntries.id, id)))
    .limit(1);
  return row && { ...row.entry, atKey: row.atKey };
}

export type AuditActorOption = { type: AuditActorType; id: string; name: string };
export type AuditAppOption = { id: string; name: string };

/** Everyone who has an entry in the team's log, with their latest name: the actor filter's choices. */
export async function listAuditActors(teamId: string): Promise<AuditActorOption[]> {
  const rows = await (await db())
    .selectDistinctOn([auditEntries.actorType, auditEntries.actorId], {
      type: auditEntries.actorType,
      id: auditEntries.actorId,
      name: auditEntries.actorName,
    })
    .from(auditEntries)
    .where(eq(auditEntries.teamId, teamId))
    .orderBy(asc(auditEntries.actorType), asc(auditEntries.actorId), desc(auditEntries.at));
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

/** Every app named in the team's log (deleted ones included), with its latest name: the app filter's choices. */
export async function listAuditApps(teamId: string): Promise<AuditAppOption[]> {
  const rows = await (await db())
    .selectDistinctOn([auditEntries.appId], { id: auditEntries.appId, name: auditEntries.appName })
    .from(auditEntries)
    .where(and(eq(auditEntries.teamId, teamId), isNotNull(auditEntries.appId)))
    .orderBy(asc(auditEntries.appId), desc(auditEntries.at));
  return rows
    .map((row) => ({ id: row.id ?? "", name: row.name ?? "" }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Deletes up to `limit` entries older than `before`, oldest first (retention). Returns how many. */
export async function purgeAuditEntries(before: Date, limit: number, conn?: Db): Promise<number> {
  const handle = conn ?? (await db());
  const rows = rowsOf<{ id: string }>(
    await handle.execute(sql`
      delete from audit_entries
      where id in (
        select id from audit_entries
        where at < ${before.toISOString()}::timestamptz
        order by at
        limit ${limit}::int
      )
      returning id`),
  );
  return rows.length;
}
