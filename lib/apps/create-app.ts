import "server-only";
import { requireTeam } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { newAppKey } from "@/lib/crypto/tokens";
import { insertApp } from "@/lib/db/queries/apps";
import type { App } from "@/lib/db/schema";
import { createAppInput } from "@/lib/validation/app";
import { parseInput } from "@/lib/validation/parse";

/** Admins and owners create apps in their team; each gets a fresh, unguessable app key. */
export async function createApp(actor: Actor, teamId: string, input: unknown): Promise<App> {
  const values = parseInput(createAppInput, input);
  await requireTeam(actor, teamId, "admin");
  return insertApp({ ...values, appKey: newAppKey(), teamId });
}
