import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { type EventType, LANGUAGES } from "@/lib/events/catalog";
import { PLATFORMS } from "@/lib/validation/app";
import { ROLES } from "@/lib/validation/team";
import { WEBHOOK_TYPES } from "@/lib/webhooks/webhook-types";

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
  createdAt: createdAt(),
});

export const teams = pgTable("teams", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
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
    language: webhookLanguage("language").notNull().default("en"),
    events: text("events").array().$type<EventType[]>().notNull(),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("webhooks_app_name_unique").on(t.appId, sql`lower(${t.name})`)],
);

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
export type TeamRole = (typeof teamRole.enumValues)[number];
export type Platform = (typeof platform.enumValues)[number];
export type Invite = typeof invites.$inferSelect;
export type App = typeof apps.$inferSelect;
export type Version = typeof versions.$inferSelect;
export type Webhook = typeof webhooks.$inferSelect;
