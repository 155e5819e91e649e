import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { insertTeam, listTeamsForUser, type TeamWithRole } from "@/lib/db/queries/teams";
import { findUserById } from "@/lib/db/queries/users";
import type { User } from "@/lib/db/schema";
import { personalTeamName } from "@/lib/accounts/sign-up";
import { AppError } from "@/lib/errors";

export const TEAM_COOKIE = "apphooks-team";

/** The signed-in user, or a redirect to /login (also when the account no longer exists). */
export async function requireUser(): Promise<User> {
  const session = await auth();
  const id = session?.user?.id;
  const user = id ? await findUserById(id) : undefined;
  if (!user) redirect("/login");
  return user;
}

/** For server actions: the user id, or null when the session is missing (the action answers with an error). */
export async function sessionUserId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.id ?? null;
}

export type TeamContext = { user: User; current: TeamWithRole; teams: TeamWithRole[] };

/**
 * The user and the team they are working in: the one chosen in the team switcher (a cookie, honoured only
 * while they are a member), else their first team. A user left with no team gets a new one of their own.
 */
export async function requireTeamContext(): Promise<TeamContext> {
  const user = await requireUser();
  let teams = await listTeamsForUser(user.id);
  if (teams.length === 0) {
    await insertTeam(user.id, personalTeamName(user.name));
    teams = await listTeamsForUser(user.id);
  }
  const chosen = (await cookies()).get(TEAM_COOKIE)?.value;
  const current = teams.find((t) => t.team.id === chosen) ?? teams[0];
  if (!current) throw new Error("user has no team");
  return { user, current, teams };
}

/** For server actions: the signed-in user's id, or an `unauthenticated` error the form shows. */
export async function actionUserId(): Promise<string> {
  const id = await sessionUserId();
  if (!id) throw new AppError("unauthenticated", "Your session has ended. Sign in again to continue.");
  return id;
}
