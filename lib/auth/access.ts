import { findAppForUser } from "@/lib/db/queries/apps";
import { findTeamForUser, type TeamWithRole } from "@/lib/db/queries/teams";
import type { App } from "@/lib/db/schema";
import { forbidden, notFound } from "@/lib/errors";
import { appKeyParam } from "@/lib/validation/app";
import { type Role, uuid } from "@/lib/validation/team";
import { roleAtLeast } from "./roles";

export type AppAccess = { app: App; role: Role; teamName: string };

/**
 * The app, scoped to the caller's teams. Another team's app (or a malformed key) is "not found", never
 * "forbidden", so its existence is not revealed. Below `minimum`, a member of the app's team is refused.
 */
export async function requireApp(
  userId: string,
  appKey: string,
  minimum: Role = "member",
): Promise<AppAccess> {
  const key = appKeyParam.safeParse(appKey);
  const found = key.success ? await findAppForUser(userId, key.data) : undefined;
  if (!found) throw notFound("App");
  if (!roleAtLeast(found.role, minimum)) throw forbidden();
  return found;
}

export async function requireTeam(
  userId: string,
  teamId: string,
  minimum: Role = "member",
): Promise<TeamWithRole> {
  const id = uuid.safeParse(teamId);
  const found = id.success ? await findTeamForUser(userId, id.data) : undefined;
  if (!found) throw notFound("Team");
  if (!roleAtLeast(found.role, minimum)) throw forbidden();
  return found;
}
