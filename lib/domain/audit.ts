/**
 * The audit log's vocabulary (docs/audit.md): what kinds of change are recorded, the fields a change names, and
 * which of them are secrets (recorded as changed, never with a value).
 */
export const AUDIT_KINDS = [
  "app.created",
  "app.updated",
  "app.transferred",
  "app.deleted",
  "webhook.created",
  "webhook.updated",
  "webhook.deleted",
  "webhook.secret_revealed",
  "webhook.secret_rotated",
  "webhook.failed_resent",
  "api_key.created",
  "api_key.revoked",
  "member.role_changed",
  "member.removed",
  "invite.created",
  "invite.revoked",
  "invite.accepted",
  "team.updated",
  "inbox.created",
  "inbox.answer_changed",
  "team.alerts_updated",
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** The fields a change names (the dashboard labels them from messages/*.json, `audit.fields`). */
export const AUDIT_FIELDS = [
  // apps
  "name",
  "description",
  "icon_url",
  "install_password",
  "platform",
  "bundle_id",
  "team",
  // webhooks
  "type",
  "url",
  "secret",
  "signing_secret",
  "language",
  "events",
  "enabled",
  "digest",
  "since",
  "requeued",
  // keys, members, invites
  "role",
  // team settings
  "payload_time_zone",
  // test inboxes
  "answer",
  // notification settings (docs/alerts.md): email on/off, the robot webhook's name or null
  "alert_email",
  "alert_robot",
] as const;
export type AuditField = (typeof AUDIT_FIELDS)[number];

/** Fields whose values are secrets: a change records that they changed, never what they were or are. */
export const SECRET_AUDIT_FIELDS: ReadonlySet<AuditField> = new Set([
  "install_password",
  "secret",
  "signing_secret",
]);

/** A recorded value: text, a switch, a list (events), or nothing (not set). */
export type AuditValue = string | number | boolean | string[] | null;

/**
 * One changed field. A secret field has `secret: true` and no values; a URL is stored masked (maskUrl), since
 * robots put their tokens in it.
 */
export type AuditChange =
  | { field: AuditField; from: AuditValue; to: AuditValue }
  | { field: AuditField; secret: true };

/** Who made a change: a signed-in user, or a team API key through the public API. */
export const AUDIT_ACTOR_TYPES = ["user", "api_key"] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/** Entries older than this are deleted by the maintenance pass (docs/audit.md#retention). */
export const AUDIT_RETENTION_DAYS = 365;

/** Entries per page in the dashboard and the API's default (the API allows up to AUDIT_MAX_PAGE). */
export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_MAX_PAGE = 200;

/** Whether a change records values (false for a secret field). */
export function hasValues(change: AuditChange): change is Extract<AuditChange, { from: AuditValue }> {
  return !("secret" in change);
}
