import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { AlertChannel, AlertKind, AlertOutcome } from "@/lib/domain/alerts";
import type { AuditActorType, AuditChange, AuditKind } from "@/lib/domain/audit";
import { DELIVERY_STATUSES } from "@/lib/domain/delivery-statuses";
import type { DisabledFacts } from "@/lib/domain/disabled-facts";
import { type EventType, LANGUAGES } from "@/lib/domain/event-catalog";
import type { DeliveryTarget, EventFacts } from "@/lib/domain/event-facts";
import { PLATFORMS } from "@/lib/domain/platforms";
import { ROLES } from "@/lib/domain/roles";
import type { InboxMode, InboxSignature } from "@/lib/domain/test-inbox";
import { WEBHOOK_TYPES } from "@/lib/domain/webhook-types";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const teamRole = pgEnum("team_role", ROLES);
export const platform = pgEnum("platform", PLATFORMS);

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** Stored lower-cased; unique. */
  email: text("email").notNull().unique(),
  /** scrypt hash; null for users who only sign in with an OAuth provider. */
  passwordHash: text("password_hash"),
  /** Dashboard language the user chose ("en" | "zh-CN"); null until they choose (Accept-Language decides). */
  locale: text("locale"),
  createdAt: createdAt(),
});

export const teams = pgTable("teams", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** IANA time zone in which payloads write `created`/`updated` (docs/events.md); `timestamp` stays Unix seconds. */
  payloadTimeZone: text("payload_time_zone").notNull().default("UTC"),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  "memberships",
  {
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: teamRole("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const invites = pgTable(
  "invites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    role: teamRole("role").notNull(),
    /** SHA-256 of the token in the invite link; the link itself is shown once. */
    tokenHash: text("token_hash").notNull().unique(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("invites_team_idx").on(t.teamId)],
);

export const apps = pgTable(
  "apps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Short, unguessable public key used in URLs and the API. */
    appKey: text("app_key").notNull().unique(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    platform: platform("platform").notNull(),
    bundleId: text("bundle_id"),
    description: text("description").notNull().default(""),
    iconUrl: text("icon_url"),
    /** Encrypted (AES-256-GCM) install password, when the app has one. */
    installPasswordEncrypted: text("install_password_encrypted"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("apps_team_idx").on(t.teamId, t.createdAt)],
);

export const versions = pgTable(
  "versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    /** The version string shown to users, e.g. "2.4". */
    version: text("version").notNull(),
    /** The build number, e.g. "139". */
    build: text("build").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    notes: text("notes").notNull().default(""),
    hidden: boolean("hidden").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("versions_app_idx").on(t.appId, t.createdAt),
    uniqueIndex("versions_app_build_unique").on(t.appId, t.version, t.build),
  ],
);

export const webhookType = pgEnum("webhook_type", WEBHOOK_TYPES);

export const webhookLanguage = pgEnum("webhook_language", LANGUAGES);

export const webhooks = pgTable(
  "webhooks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    type: webhookType("type").notNull(),
    url: text("url").notNull(),
    /** The robot's signing secret (DingTalk/Lark), AES-256-GCM encrypted; never shown back in full. */
    secretEncrypted: text("secret_encrypted"),
    /** Last four characters of the secret, so the form can say which one is set. */
    secretHint: text("secret_hint"),
    /** Standard Webhooks signing secret (`whsec_…`), encrypted; created with the webhook. */
    signingSecretEncrypted: text("signing_secret_encrypted"),
    /** After a rotation, the previous secret keeps signing beside the new one until this time. */
    previousSigningSecretEncrypted: text("previous_signing_secret_encrypted"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true }),
    language: webhookLanguage("language").notNull().default("en"),
    events: text("events").array().$type<EventType[]>().notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /**
     * Chat robots only: when more events wait than the robot's rate window lets through, merge those of one
     * type into one digest message (docs/robots.md#digests). Robot webhooks are created with it on.
     */
    digest: boolean("digest").notNull().default(false),
    /** Why the webhook was switched off automatically (docs/delivery.md#automatic-disable); null when on or switched off by hand. */
    disabledReason: text("disabled_reason"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** The automatic disable's facts, for the reason in the viewer's language; null with `disabled_reason`. */
    disabledFacts: jsonb("disabled_facts").$type<DisabledFacts>(),
    /** Attempts that failed since the last success (maintained with every recorded attempt). */
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    /** The first failed attempt since the last success; null while the webhook succeeds. */
    failingSince: timestamp("failing_since", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("webhooks_app_name_unique").on(t.appId, sql`lower(${t.name})`)],
);

/** Team API keys for the ingest and public API: only a hash and a visible prefix are stored. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** What the key may do through the API, as a member of that role would (member = read-only). */
    role: teamRole("role").notNull().default("admin"),
    /** The first characters of the key, shown in lists ("ahk_3f9c2a…"). */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_keys_team_idx").on(t.teamId)],
);

export const feedback = pgTable(
  "feedback",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    content: text("content").notNull(),
    contact: text("contact").notNull().default(""),
    device: text("device").notNull().default(""),
    appVersion: text("app_version"),
    build: text("build"),
    createdAt: createdAt(),
  },
  (t) => [index("feedback_app_idx").on(t.appId, t.createdAt)],
);

export const crashReports = pgTable(
  "crash_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id, { onDelete: "cascade" }),
    exception: text("exception").notNull(),
    stack: text("stack").notNull().default(""),
    device: text("device").notNull().default(""),
    appVersion: text("app_version"),
    build: text("build"),
    occurrences: integer("occurrences").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("crash_reports_app_idx").on(t.appId, t.createdAt)],
);

/**
 * Every event that happened, with the facts its payloads are built from. Apps and teams are referenced
 * without foreign keys: an `appDelete` event outlives its app.
 */
export const events = pgTable(
  "events",
  {
    /** `evt_…`; also every delivery's `webhook-id`. */
    id: text("id").primaryKey(),
    teamId: uuid("team_id").notNull(),
    appId: uuid("app_id").notNull(),
    type: text("type").$type<EventType>().notNull(),
    facts: jsonb("facts").$type<EventFacts>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("events_app_idx").on(t.appId, t.createdAt),
    // Retention: the oldest events first.
    index("events_created_idx").on(t.createdAt),
  ],
);

export const deliveryStatus = pgEnum("delivery_status", DELIVERY_STATUSES);

/**
 * The outbox: one row per (event, webhook). Workers claim due rows with FOR UPDATE SKIP LOCKED and a lease
 * (`locked_until`); a crashed worker's rows become claimable again when the lease expires.
 */
export const deliveries = pgTable(
  "deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: text("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    /** The webhook at the time of the event (no foreign key: the delivery outlives a deleted webhook). */
    webhookId: uuid("webhook_id").notNull(),
    appId: uuid("app_id").notNull(),
    /** What sending needs if the webhook is gone by then (appDelete): URL, type, language, secrets (encrypted). */
    target: jsonb("target").$type<DeliveryTarget>().notNull(),
    status: deliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lockedBy: text("locked_by"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    /**
     * The digest this delivery belongs to (docs/robots.md#digests): the carrier delivery, whose attempts send
     * the one message for all of them; the carrier's own id on the carrier; null for a delivery sent alone.
     * No foreign key: retention purges rows without looking at their digests.
     */
    digestId: uuid("digest_id"),
    createdAt: createdAt(),
  },
  (t) => [
    // A digest's rows, from its carrier (recording its outcome, the delivery log).
    index("deliveries_digest_idx").on(t.digestId).where(sql`${t.digestId} is not null`),
    // Claims look up due rows per webhook (a loose scan over webhooks, then the first due rows of each).
    index("deliveries_webhook_due_idx")
      .on(t.webhookId, t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'sending')`),
    // In flight (the claim's per-webhook cap): a small index, however long the backlog.
    index("deliveries_sending_idx").on(t.webhookId).where(sql`${t.status} = 'sending'`),
    // The delivery log: newest first, keyset-paginated on (created_at, id).
    index("deliveries_webhook_log_idx").on(t.webhookId, t.createdAt, t.id),
    // Retention: the oldest finished rows first.
    index("deliveries_created_idx").on(t.createdAt),
    index("deliveries_event_idx").on(t.eventId),
  ],
);

/** Every attempt of a delivery, as sent and as answered (secrets masked, response body cut at 16 KiB). */
export const deliveryAttempts = pgTable(
  "delivery_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => deliveries.id, { onDelete: "cascade" }),
    /** The delivery's webhook, so health (success rate, latency) reads one index range. */
    webhookId: uuid("webhook_id").notNull(),
    attempt: integer("attempt").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    durationMs: integer("duration_ms").notNull(),
    requestUrl: text("request_url").notNull(),
    requestHeaders: jsonb("request_headers").$type<Record<string, string>>().notNull(),
    requestBody: text("request_body").notNull(),
    responseStatus: integer("response_status"),
    responseHeaders: jsonb("response_headers").$type<Record<string, string>>(),
    responseBody: text("response_body"),
    error: text("error"),
  },
  (t) => [
    index("delivery_attempts_delivery_idx").on(t.deliveryId, t.attempt),
    index("delivery_attempts_webhook_idx").on(t.webhookId, t.startedAt),
  ],
);

/**
 * The latest configuration error of a webhook (a fail-fast answer such as DingTalk's "keywords not in content"),
 * shown as a warning on the webhook until a later delivery to it succeeds.
 */
export const webhookWarnings = pgTable("webhook_warnings", {
  webhookId: uuid("webhook_id")
    .primaryKey()
    .references(() => webhooks.id, { onDelete: "cascade" }),
  /** A human sentence with the service's own message, e.g. "DingTalk rejected the message: …". */
  message: text("message").notNull(),
  /** The delivery whose attempt was rejected (no foreign key: deliveries are purged before warnings). */
  deliveryId: uuid("delivery_id"),
  /** When that attempt was made. */
  at: timestamp("at", { withTimezone: true }).notNull(),
});

/**
 * The rate limiter of chat robots (docs/robots.md#rate-windows): one row per robot, keyed by md5 of its URL so that webhooks of
 * several apps posting to one group robot share its limit. `sends` holds the times (ms) of the latest sends
 * reserved by workers at claim time; `free_at` is when the next send is allowed (the end of the current window,
 * or of a pause the service asked for).
 */
export const robotSendWindows = pgTable("robot_send_windows", {
  key: text("key").primaryKey(),
  sends: jsonb("sends").$type<number[]>().notNull().default([]),
  freeAt: timestamp("free_at", { withTimezone: true }),
});

/**
 * The public API's rate limit, one per API key and shared by every server process (README,
 * INGEST_RATE_PER_MINUTE): a token bucket kept as its "theoretical arrival time" (GCRA), the moment at which
 * the bucket would be full again. `allowed` is the outcome of the latest take (what lib/api/rate-limiter.ts
 * reads back in the same statement). UNLOGGED (migration 0010: drizzle cannot say it): a take waits for no WAL
 * flush, and a crash only refills every bucket.
 */
export const apiRateLimits = pgTable("api_rate_limits", {
  apiKeyId: uuid("api_key_id")
    .primaryKey()
    .references(() => apiKeys.id, { onDelete: "cascade" }),
  tat: timestamp("tat", { withTimezone: true }).notNull(),
  allowed: boolean("allowed").notNull(),
});

/** One row per counted attempt (failed logins, later API calls); old rows are pruned as they are read. */
export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("rate_limit_hits_key_at_idx").on(t.key, t.at)],
);

export type User = typeof users.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invite = typeof invites.$inferSelect;
export type App = typeof apps.$inferSelect;
export type Version = typeof versions.$inferSelect;
export type Webhook = typeof webhooks.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Feedback = typeof feedback.$inferSelect;
export type CrashReport = typeof crashReports.$inferSelect;
export type Event = typeof events.$inferSelect;
export type Delivery = typeof deliveries.$inferSelect;
export type DeliveryAttempt = typeof deliveryAttempts.$inferSelect;
export type WebhookWarning = typeof webhookWarnings.$inferSelect;

/**
 * Signed-in sessions: the session token names one (`sid`), and it is honoured only while its row exists, so
 * signing out (this device or all of them) ends it on the server, not only in the browser.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * The heartbeats of running delivery workers (docs/operations.md#health-and-readiness): each worker upserts its
 * row every interval and deletes it when it stops cleanly, so a web server can tell whether any worker is
 * alive. A row is fresh while `seen_at` is within three of its own `interval_ms` (both on the database's clock).
 */
export const workerHeartbeats = pgTable("worker_heartbeats", {
  workerId: text("worker_id").primaryKey(),
  /** "server": inside a web server (instrumentation.ts); "standalone": `npm run worker`. */
  kind: text("kind").$type<"server" | "standalone">().notNull(),
  host: text("host").notNull(),
  pid: integer("pid").notNull(),
  intervalMs: integer("interval_ms").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
});

export type WorkerHeartbeat = typeof workerHeartbeats.$inferSelect;

/** Test inboxes (docs/delivery.md#test-inbox): a URL AppHooks serves for a team, recording what arrives. */
export const testInboxes = pgTable(
  "test_inboxes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    /** The URL's last segment (lib/domain/test-inbox.ts): random, unguessable. */
    token: text("token").notNull().unique(),
    /** What it answers: "ok", "fail" (500) or "slow". */
    mode: text("mode").$type<InboxMode>().notNull().default("ok"),
    createdAt: createdAt(),
  },
  (t) => [index("test_inboxes_team_idx").on(t.teamId, t.createdAt)],
);

/** What a test inbox received: the newest 100 per inbox, for 24 hours. */
export const testInboxRequests = pgTable(
  "test_inbox_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    inboxId: uuid("inbox_id")
      .notNull()
      .references(() => testInboxes.id, { onDelete: "cascade" }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    method: text("method").notNull(),
    headers: jsonb("headers").$type<Record<string, string>>().notNull(),
    body: text("body").notNull(),
    /** "valid", "invalid", "unsigned" (no webhook-signature), "unknown" (no webhook of the team uses the URL). */
    signature: text("signature").$type<InboxSignature>().notNull(),
    /** The webhook whose secret the signature matched. */
    webhookId: uuid("webhook_id"),
    /** How it came: from the delivery engine, or over HTTP (curl, another tool). */
    via: text("via").$type<"engine" | "http">().notNull(),
    answerStatus: integer("answer_status").notNull(),
    answerDelayMs: integer("answer_delay_ms").notNull(),
  },
  (t) => [index("test_inbox_requests_inbox_idx").on(t.inboxId, t.receivedAt)],
);

export type TestInbox = typeof testInboxes.$inferSelect;
export type TestInboxRequest = typeof testInboxRequests.$inferSelect;

/**
 * The audit log (docs/audit.md): one row per change to a team's apps, webhooks, keys, members, invites or
 * settings, written in the transaction of the change. Who and what are snapshots (names as they were), so an
 * entry outlives the user, key or app it names; no secret value is ever stored (lib/audit/record.ts).
 */
export const auditEntries = pgTable(
  "audit_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorType: text("actor_type").$type<AuditActorType>().notNull(),
    /** The user's id, or the API key's id (by `actor_type`). */
    actorId: uuid("actor_id").notNull(),
    /** The user's name or the key's name when the change was made. */
    actorName: text("actor_name").notNull(),
    /** The client's address (lib/audit/origin.ts); null when it is not known (no trusted proxy). */
    address: text("address"),
    appId: uuid("app_id"),
    appName: text("app_name"),
    kind: text("kind").$type<AuditKind>().notNull(),
    /** What the change was made to, when not the app or the team itself: a webhook, key, member, invite. */
    targetId: text("target_id"),
    targetName: text("target_name"),
    changes: jsonb("changes").$type<AuditChange[]>().notNull().default([]),
  },
  (t) => [
    index("audit_entries_team_at_idx").on(t.teamId, t.at, t.id),
    index("audit_entries_team_kind_idx").on(t.teamId, t.kind, t.at),
    index("audit_entries_team_app_idx").on(t.teamId, t.appId, t.at),
    index("audit_entries_team_actor_idx").on(t.teamId, t.actorId, t.at),
    index("audit_entries_at_idx").on(t.at),
  ],
);

export type AuditEntry = typeof auditEntries.$inferSelect;

/**
 * Who a team's webhook alerts go to (docs/alerts.md): email to its owners and admins, and/or one of its chat-robot
 * webhooks. A team without a row has the defaults: email on, no robot.
 */
export const teamAlertSettings = pgTable("team_alert_settings", {
  teamId: uuid("team_id")
    .primaryKey()
    .references(() => teams.id, { onDelete: "cascade" }),
  email: boolean("email").notNull().default(true),
  /** A chat-robot webhook of one of the team's apps; null: no robot. Deleting the webhook clears it. */
  robotWebhookId: uuid("robot_webhook_id").references(() => webhooks.id, { onDelete: "set null" }),
  updatedAt: updatedAt(),
});

/**
 * The last alert of each kind claimed per webhook (docs/alerts.md#how-alerts-are-found): `episode` names what it
 * was about (the streak's `failing_since`, the disable's `disabled_at`, or for a recovery the time of the alert it
 * closes), so a state is alerted once; `sent_at` throttles a kind to one alert an hour. The maintenance pass
 * claims an alert by updating this row before sending, so two processes never send the same one.
 */
export const webhookAlerts = pgTable(
  "webhook_alerts",
  {
    webhookId: uuid("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    kind: text("kind").$type<AlertKind>().notNull(),
    episode: timestamp("episode", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.webhookId, t.kind] })],
);

/**
 * Every alert sent, per channel, with its outcome (docs/alerts.md#what-is-recorded). Without SMTP_URL an email's
 * text and HTML are kept too, for the team's email preview page; 30 days are kept.
 */
export const alertLog = pgTable(
  "alert_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    /** No foreign key: the record outlives a deleted webhook. */
    webhookId: uuid("webhook_id").notNull(),
    kind: text("kind").$type<AlertKind>().notNull(),
    channel: text("channel").$type<AlertChannel>().notNull(),
    /** The email addresses, or the robot webhook's name and masked URL. */
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    outcome: text("outcome").$type<AlertOutcome>().notNull(),
    /** Why sending failed. */
    error: text("error"),
    /** The email's bodies, kept only in preview mode (no SMTP_URL). */
    textBody: text("text_body"),
    htmlBody: text("html_body"),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("alert_log_team_idx").on(t.teamId, t.sentAt), index("alert_log_sent_idx").on(t.sentAt)],
);

export type TeamAlertSettings = typeof teamAlertSettings.$inferSelect;
export type AlertLogEntry = typeof alertLog.$inferSelect;
