import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { isApiKey } from "@/lib/auth/actor";
import type { Db, Tx } from "@/lib/db/client";
import { insertAuditEntry } from "@/lib/db/queries/audit";
import type { AuditEntry } from "@/lib/db/schema";
import {
  type AuditChange,
  type AuditField,
  type AuditKind,
  type AuditValue,
  SECRET_AUDIT_FIELDS,
} from "@/lib/domain/audit";
import { maskUrl } from "@/lib/domain/mask-url";
import type { Origin } from "./origin";

export type AuditRecord = {
  teamId: string;
  kind: AuditKind;
  /** The app the change was made in, if any (its name as it is after the change, or before a delete). */
  app?: { id: string; name: string } | null;
  /** What the change was made to when not the app or team itself: a webhook, API key, member or invite. */
  target?: { id: string; name: string } | null;
  changes?: AuditChange[];
  /** The clock (tests); now by default. */
  at?: Date;
};

/**
 * The one place a change's values are made safe to store: a secret field keeps only that it changed, and a
 * URL is masked (maskUrl), since chat robots carry their tokens in it.
 */
function safe(change: AuditChange): AuditChange {
  if (SECRET_AUDIT_FIELDS.has(change.field)) return { field: change.field, secret: true };
  if ("secret" in change) return change;
  if (change.field !== "url") return change;
  const mask = (value: AuditValue) => (typeof value === "string" ? maskUrl(value) : value);
  return { field: "url", from: mask(change.from), to: mask(change.to) };
}

/**
 * Records a change in the audit log (docs/audit.md), in `tx`: the transaction that makes the change, so the
 * entry is committed exactly when the change is and a change that fails leaves none.
 */
export function recordAudit(
  tx: Db | Tx,
  actor: Actor,
  origin: Origin,
  record: AuditRecord,
): Promise<AuditEntry> {
  return insertAuditEntry(tx, {
    teamId: record.teamId,
    at: record.at ?? new Date(),
    actorType: isApiKey(actor) ? "api_key" : "user",
    actorId: isApiKey(actor) ? actor.apiKey.id : actor,
    address: origin.address,
    appId: record.app?.id ?? null,
    appName: record.app?.name ?? null,
    kind: record.kind,
    targetId: record.target?.id ?? null,
    targetName: record.target?.name ?? null,
    changes: (record.changes ?? []).map(safe),
  });
}

const same = (a: AuditValue, b: AuditValue) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `fields` whose values differ between `before` and `after`, as changes (old → new). */
export function diff<T extends Partial<Record<AuditField, AuditValue>>>(
  before: T,
  after: T,
  fields: readonly (keyof T & AuditField)[],
): AuditChange[] {
  return fields
    .filter((field) => !same(before[field] ?? null, after[field] ?? null))
    .map((field) => ({ field, from: before[field] ?? null, to: after[field] ?? null }));
}

/** The values a new thing starts with, as changes from nothing. */
export function created<T extends Partial<Record<AuditField, AuditValue>>>(
  after: T,
  fields: readonly (keyof T & AuditField)[],
): AuditChange[] {
  return fields
    .filter((field) => (after[field] ?? null) !== null)
    .map((field) => ({ field, from: null, to: after[field] ?? null }));
}
