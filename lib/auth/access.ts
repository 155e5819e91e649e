import "server-only";
import { findAppForTeam, findAppForUser } from "@/lib/db/queries/apps";
import { findTeam, findTeamForUser, type TeamWithRole } from "@/lib/db/queries/teams";
import type { App } from "@/lib/db/schema";
import { type Role, roleAtLeast } from "@/lib/domain/roles";
import { forbidden, notFound } from "@/lib/errors";
import { appKeyParam } from "@/lib/validation/app";
import { uuid } from "@/lib/validation/team";
import { type Actor, isApiKey } from "./actor";

/** The app, the caller's role in its team, and the team's name and payload time zone. */
export type AppAccess = { app: App; role: Role; teamName: string; payloadTimeZone: string };

async function findApp(actor: Actor, appKey: string): Promise<AppAccess | undefined> {
  if (!isApiKey(actor)) return findAppForUser(actor, appKey);
  const { teamId, role } = actor.apiKey;
  const [app, team] = await Promise.all([findAppForTeam(teamId, appKey), findTeam(teamId)]);
  return app && team ? { app, role, teamName: team.name, payloadTimeZone: team.payloadTimeZone } : undefined;
}

/**
 * The app, scoped to the caller's teams (a user's memberships, or an API key's team). Another team's app (or a malformed key) is "not found", never
 * "forbidden", so its existence is not revealed. Below `minimum`, a member of the app's team is refused.
 */
export async function requireApp(actor: Actor, appKey: string, minimum: Role = "member"): Promise<AppAccess> {
  const key = appKeyParam.safeParse(appKey);
  const found = key.success ? await findApp(actor, key.data) : undefined;
  if (!found) throw notFound("App");
  if (!roleAtLeast(found.role, minimum)) throw forbidden();
  return found;
}

async function findTeamOf(actor: Actor, teamId: string): Promise<TeamWithRole | undefined> {
  if (!isApiKey(actor)) return findTeamForUser(actor, teamId);
  if (actor.apiKey.teamId !== teamId) return undefined;
  const team = await findTeam(teamId);
  return team ? { team, role: actor.apiKey.role } : undefined;
}

export async function requireTeam(
  actor: Actor,
  teamId: string,
  minimum: Role = "member",
): Promise<TeamWithRole> {
  const id = uuid.safeParse(teamId);
  const found = id.success ? await findTeamOf(actor, id.data) : undefined;
  if (!found) throw notFound("Team");
  if (!roleAtLeast(found.role, minimum)) throw forbidden();
  return found;
}
