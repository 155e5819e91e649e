import { randomBytes } from "node:crypto";
import { createApp } from "@/lib/apps/create-app";
import { hashPassword } from "@/lib/crypto/password";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { newSigningSecret } from "@/lib/crypto/signature";
import { db } from "@/lib/db/client";
import { listTeamsForUser } from "@/lib/db/queries/teams";
import { insertUserWithTeam } from "@/lib/db/queries/users";
import { type App, memberships, type Team, type User, type Webhook, webhooks } from "@/lib/db/schema";
import { EVENT_TYPES, type EventType } from "@/lib/domain/event-catalog";
import type { Role } from "@/lib/domain/roles";
import type { WebhookInput } from "@/lib/validation/webhook";

export const TEST_PASSWORD = "correct horse battery staple";

// scrypt is deliberately slow: hash the shared test password once per file.
let passwordHash: Promise<string> | undefined;

export const uniqueSuffix = () => randomBytes(5).toString("hex");

export type TestUser = { user: User; team: Team; email: string; password: string };

/** A fresh user (password TEST_PASSWORD) with their own team, in which they are the owner. */
export async function makeUser(name = "Test User"): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = `user-${uniqueSuffix()}@example.test`;
  const user = await insertUserWithTeam({
    name,
    email,
    passwordHash: await passwordHash,
    teamName: `${name}'s team ${uniqueSuffix()}`,
    payloadTimeZone: "UTC",
  });
  const [own] = await listTeamsForUser(user.id);
  if (!own) throw new Error("user was created without a team");
  return { user, team: own.team, email, password: TEST_PASSWORD };
}

/** Adds an existing user to a team with a role (as an accepted invite would). */
export async function addMember(teamId: string, userId: string, role: Role): Promise<void> {
  await (await db()).insert(memberships).values({ teamId, userId, role });
}

export type TeamWithApp = {
  /** The team's owner, who created the app. */
  owner: TestUser;
  /** The user acting in the test: the owner itself, or another user with `role` in the team. */
  actor: TestUser;
  team: Team;
  app: App;
};

/** A fresh team with one app, and a user with `role` in that team. */
export async function makeTeamWithApp(role: Role = "owner"): Promise<TeamWithApp> {
  const owner = await makeUser("Olivia Owner");
  const app = await createApp(owner.user.id, owner.team.id, { name: "Test App", platform: "ios" });
  let actor = owner;
  if (role !== "owner") {
    actor = await makeUser(role === "admin" ? "Adam Admin" : "Mia Member");
    await addMember(owner.team.id, actor.user.id, role);
  }
  return { owner, actor, team: owner.team, app };
}

/** A valid webhook form body; override any field. */
export function webhookBody(overrides: Partial<WebhookInput> = {}): WebhookInput {
  const events: EventType[] = ["updateVersion", "feedback"];
  return {
    name: `Hook ${uniqueSuffix()}`,
    type: "json",
    url: "https://receiver.example.test/hooks/apphooks",
    events,
    enabled: true,
    ...overrides,
  };
}

/**
 * A JSON webhook of the app at `url`, subscribed to every event, inserted directly: for engine tests that need
 * more than the 3-per-app limit, or a state (failure streak…) no form sets. Returns the row and its signing secret.
 */
export async function insertWebhook(
  appId: string,
  url: string,
  values: Partial<typeof webhooks.$inferInsert> = {},
): Promise<{ row: Webhook; secret: string }> {
  const secret = newSigningSecret();
  const [row] = await (await db())
    .insert(webhooks)
    .values({
      appId,
      name: `Hook ${uniqueSuffix()}`,
      type: "json",
      url,
      events: [...EVENT_TYPES],
      signingSecretEncrypted: encryptSecret(secret),
      ...values,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return { row, secret };
}
