import "server-only";
import { requireTeam } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import {
  type AuditActorOption,
  type AuditAppOption,
  type AuditRow,
  findAuditEntry,
  listAuditActors,
  listAuditApps,
  listAuditEntries,
} from "@/lib/db/queries/audit";
import type { AuditActorType, AuditChange, AuditKind } from "@/lib/domain/audit";
import { invalid, notFound, text } from "@/lib/errors";
import { auditListQuery } from "@/lib/validation/audit";
import { reversedRange } from "@/lib/validation/delivery";
import { parseInput } from "@/lib/validation/parse";
import { uuid } from "@/lib/validation/team";

/** An entry of the audit log as the dashboard and the API show it. */
export type AuditEntryView = {
  id: string;
  at: Date;
  actor: { type: AuditActorType; id: string; name: string };
  /** The client's address, when known (docs/audit.md#address). */
  address: string | null;
  app: { id: string; name: string } | null;
  kind: AuditKind;
  target: { id: string; name: string } | null;
  changes: AuditChange[];
};

function toView(row: AuditRow): AuditEntryView {
  return {
    id: row.id,
    at: row.at,
    actor: { type: row.actorType, id: row.actorId, name: row.actorName },
    address: row.address,
    app: row.appId ? { id: row.appId, name: row.appName ?? "" } : null,
    kind: row.kind,
    target: row.targetId ? { id: row.targetId, name: row.targetName ?? "" } : null,
    changes: row.changes,
  };
}

const CURSOR_ERROR = { cursor: text("delivery.cursorStale") };

/** A timestamptz as Postgres prints it: `2026-11-22 13:51:35.123456+00`. */
const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

function encodeCursor(row: AuditRow): string {
  return Buffer.from(JSON.stringify([row.atKey, row.id])).toString("base64url");
}

function decodeCursor(cursor: string): { atKey: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2) {
      const [atKey, id] = value;
      if (typeof atKey === "string" && TIMESTAMP_TEXT.test(atKey) && uuid.safeParse(id).success) {
        return { atKey, id: id as string };
      }
    }
  } catch {
    // falls through to the field error
  }
  throw invalid(CURSOR_ERROR);
}

export type AuditPage = { entries: AuditEntryView[]; nextCursor: string | null };

/**
 * The team's audit log, newest first, filtered by actor, app, kind and time range (at or after `since`, before
 * `until`), a page at a time (keyset: pass the previous page's `nextCursor`; null when there is nothing older).
 * Owners and admins only (and Admin or Owner API keys): members are refused.
 */
export async function listAudit(actor: Actor, teamId: string, query: unknown): Promise<AuditPage> {
  const { team } = await requireTeam(actor, teamId, "admin");
  const filter = parseInput(auditListQuery, query ?? {});
  if (reversedRange(filter)) throw invalid({ until: text("delivery.untilBeforeSince") });
  const [actorType, actorId] = filter.actor?.split(":") ?? [];
  const rows = await listAuditEntries(team.id, {
    actor:
      actorType && actorId ? { type: actorType as AuditActorType, id: actorId.toLowerCase() } : undefined,
    appId: filter.app,
    kind: filter.kind,
    since: filter.since ? new Date(filter.since) : undefined,
    until: filter.until ? new Date(filter.until) : undefined,
    before: filter.cursor ? decodeCursor(filter.cursor) : undefined,
    limit: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    entries: page.map(toView),
    nextCursor: rows.length > filter.limit && last ? encodeCursor(last) : null,
  };
}

/** One entry of the team's log (owners and admins); another team's, or a malformed id, is "not found". */
export async function getAuditEntry(actor: Actor, teamId: string, entryId: string): Promise<AuditEntryView> {
  const { team } = await requireTeam(actor, teamId, "admin");
  const id = uuid.safeParse(entryId);
  const row = id.success ? await findAuditEntry(team.id, id.data) : undefined;
  if (!row) throw notFound("Audit entry");
  return toView(row);
}

/** The filters' choices: everyone and every app named in the team's log (owners and admins). */
export async function auditFilterOptions(
  actor: Actor,
  teamId: string,
): Promise<{ actors: AuditActorOption[]; apps: AuditAppOption[] }> {
  const { team } = await requireTeam(actor, teamId, "admin");
  const [actors, apps] = await Promise.all([listAuditActors(team.id), listAuditApps(team.id)]);
  return { actors, apps };
}
