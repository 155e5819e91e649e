import { randomBytes } from "node:crypto";
/**
 * Seeding for the bench and the fault test, through the product's own functions (sign-up, apps, webhooks,
 * API keys), and in bulk through the schema for the 10,000-app scale test. The process's database must be
 * set first (openSeedDatabase), with ENCRYPTION_KEY equal to the server's.
 */

import { signUp } from "@/lib/accounts/sign-up";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { createApp } from "@/lib/apps/create-app";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { newSigningSecret } from "@/lib/crypto/signature";
import { newAppKey, randomKey, sha256 } from "@/lib/crypto/tokens";
import { type Database, openDatabase, useDatabase as setProcessDatabase } from "@/lib/db/client";
import { listTeamsForUser } from "@/lib/db/queries/teams";
import { apiKeys, apps, teams, webhooks } from "@/lib/db/schema";
import { EVENT_TYPES } from "@/lib/domain/event-catalog";
import { createWebhook, updateWebhook } from "@/lib/webhooks/save-webhook";

export const PASSWORD = "bench-password-1234";

/** Opens (and migrates) the database of `env` and makes it this process's. Close it before a PGlite server starts. */
export async function openSeedDatabase(env: {
  DATABASE_URL?: string;
  PGLITE_DIR?: string;
}): Promise<Database> {
  const database = await openDatabase(
    env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.PGLITE_DIR },
  );
  setProcessDatabase(database);
  return database;
}

export type SeededApp = { appKey: string; key: string; webhooks: Array<{ id: string; url: string }> };

export type Seeded = {
  email: string;
  userId: string;
  teamId: string;
  key: string;
  apps: SeededApp[];
};

/** A user (owner of their team), an API key of the team, and nothing else yet. */
export async function seedTeam(label: string): Promise<Omit<Seeded, "apps">> {
  const email = `${label}-${randomKey(8)}@example.test`;
  const user = await signUp({ name: "Bench User", email, password: PASSWORD }, "en");
  const [membership] = await listTeamsForUser(user.id);
  if (!membership) throw new Error("sign-up created no team");
  const { key } = await createApiKey(user.id, membership.team.id, { name: label });
  return { email, userId: user.id, teamId: membership.team.id, key };
}

/** `count` apps of the team with one webhook per URL of `urls(appIndex)`, every event subscribed. */
export async function seedApps(
  team: Omit<Seeded, "apps">,
  count: number,
  label: string,
  urls: (appIndex: number) => string[],
): Promise<SeededApp[]> {
  const seeded: SeededApp[] = [];
  for (let i = 0; i < count; i++) {
    const app = await createApp(team.userId, team.teamId, { name: `${label} ${i + 1}`, platform: "ios" });
    const hooks: SeededApp["webhooks"] = [];
    for (const [n, url] of urls(i).entries()) {
      const webhook = await createWebhook(team.userId, app.appKey, {
        name: `Hook ${n + 1}`,
        type: "json",
        url,
        events: [...EVENT_TYPES],
        enabled: true,
      });
      hooks.push({ id: webhook.id, url });
    }
    seeded.push({ appKey: app.appKey, key: team.key, webhooks: hooks });
  }
  return seeded;
}

/** Turns a webhook off (the bench's hanging webhooks after the isolation run): pending rows end `disabled`. */
export async function switchOff(
  team: Omit<Seeded, "apps">,
  app: SeededApp,
  webhookIndex: number,
): Promise<void> {
  const hook = app.webhooks[webhookIndex];
  if (!hook) return;
  await updateWebhook(team.userId, app.appKey, hook.id, {
    name: `Hook ${webhookIndex + 1}`,
    type: "json",
    url: hook.url,
    events: [...EVENT_TYPES],
    enabled: false,
  });
}

/**
 * Bulk: `count` more apps spread over teams of `perTeam` apps, each team with an API key, each app with
 * three webhooks to `urls(appIndex)` (Standard Webhooks secrets encrypted like the product's). Returns them.
 */
export async function seedBulkApps(
  database: Database,
  count: number,
  perTeam: number,
  urls: (appIndex: number) => string[],
): Promise<SeededApp[]> {
  const { db } = database;
  const seeded: SeededApp[] = [];
  const teamCount = Math.ceil(count / perTeam);
  for (let t = 0; t < teamCount; t++) {
    const [team] = await db
      .insert(teams)
      .values({ name: `Scale team ${t + 1}` })
      .returning({ id: teams.id });
    if (!team) throw new Error("insert returned no team");
    const key = `ahk_${randomKey(40)}`;
    await db
      .insert(apiKeys)
      .values({ teamId: team.id, name: "scale", prefix: key.slice(0, 12), keyHash: sha256(key) });
    const size = Math.min(perTeam, count - t * perTeam);
    const appRows = Array.from({ length: size }, (_, i) => ({
      appKey: newAppKey(),
      teamId: team.id,
      name: `Scale app ${t * perTeam + i + 1}`,
      platform: "android" as const,
    }));
    const inserted = await db.insert(apps).values(appRows).returning({ id: apps.id, appKey: apps.appKey });
    const hookRows = inserted.flatMap((app, i) =>
      urls(t * perTeam + i).map((url, n) => ({
        appId: app.id,
        name: `Hook ${n + 1}`,
        type: "json" as const,
        url,
        events: [...EVENT_TYPES],
        signingSecretEncrypted: encryptSecret(newSigningSecret()),
      })),
    );
    const hooks = await db
      .insert(webhooks)
      .values(hookRows)
      .returning({ id: webhooks.id, appId: webhooks.appId, url: webhooks.url });
    for (const app of inserted) {
      seeded.push({
        appKey: app.appKey,
        key,
        webhooks: hooks.filter((hook) => hook.appId === app.id).map(({ id, url }) => ({ id, url })),
      });
    }
  }
  return seeded;
}

/**
 * Makes this process the seeder of a fresh run: new AUTH_SECRET and ENCRYPTION_KEY (returned, for the servers it
 * starts, so that what it encrypts decrypts there), `database` instead of the caller's database, private targets
 * allowed, no demo account. For the bench, the fault tests and the scale-out test.
 */
export function freshEnvironment(database: { DATABASE_URL?: string; PGLITE_DIR?: string } = {}): {
  AUTH_SECRET: string;
  ENCRYPTION_KEY: string;
} {
  const secrets = {
    AUTH_SECRET: randomBytes(32).toString("base64"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  delete process.env.DATABASE_URL;
  delete process.env.PGLITE_DIR;
  Object.assign(process.env, secrets, database, {
    WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
    SEED_DEMO: "false",
  });
  return secrets;
}
