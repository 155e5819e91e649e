import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { personalTeamName } from "@/lib/accounts/sign-up";
import { insertTeam, listTeamsForUser, type TeamWithRole } from "@/lib/db/queries/teams";
import { findUserById } from "@/lib/db/queries/users";
import type { User } from "@/lib/db/schema";
import { defaultPayloadTimeZone } from "@/lib/domain/time-zones";
import { AppError, text } from "@/lib/errors";
import { type AppAccess, requireApp } from "./access";
import { auth } from "./next-auth";
import { sessionIsLive } from "./sessions";

export const TEAM_COOKIE = "apphooks-team";

/**
 * The signed-in user's id: a valid session token whose server-side session still exists (signed out on this or
 * another device means refused, whatever cookie is replayed). Memoised per request.
 */
const currentUserId = cache(async (): Promise<string | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId || !session.sid) return null;
  return (await sessionIsLive(session.sid, userId)) ? userId : null;
});

/** The signed-in user, if the session is valid and the account still exists. Memoised per request. */
export const signedInUser = cache(async (): Promise<User | undefined> => {
  const id = await currentUserId();
  return id ? findUserById(id) : undefined;
});

/** The signed-in user, or a redirect to /login. */
export async function requireUser(): Promise<User> {
  const user = await signedInUser();
  if (!user) redirect("/login");
  return user;
}

/** For server actions: the user id, or null when the session is missing (the action answers with an error). */
export async function sessionUserId(): Promise<string | null> {
  return currentUserId();
}

export type TeamContext = { user: User; current: TeamWithRole; teams: TeamWithRole[] };

/**
 * The user and the team they are working in: the one chosen in the team switcher (a cookie, honoured only
 * while they are a member), else their first team. A user left with no team gets a new one of their own.
 */
export const requireTeamContext = cache(async (): Promise<TeamContext> => {
  const user = await requireUser();
  let teams = await listTeamsForUser(user.id);
  if (teams.length === 0) {
    await insertTeam(user.id, personalTeamName(user.name), defaultPayloadTimeZone(user.locale));
    teams = await listTeamsForUser(user.id);
  }
  const chosen = (await cookies()).get(TEAM_COOKIE)?.value;
  const current = teams.find((t) => t.team.id === chosen) ?? teams[0];
  if (!current) throw new Error("user has no team");
  return { user, current, teams };
});

/** For server actions: the signed-in user's id, or an `unauthenticated` error the form shows. */
export async function actionUserId(): Promise<string> {
  const id = await sessionUserId();
  if (!id) throw new AppError("unauthenticated", text("sessionEnded"));
  return id;
}

/** Remembers the team chosen in the switcher (only ever honoured while the user is a member). */
export async function rememberTeam(teamId: string): Promise<void> {
  (await cookies()).set(TEAM_COOKIE, teamId, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 365 * 24 * 60 * 60,
  });
}

/**
 * For pages under /apps/{appKey}: the user and their access to the app, or Next's 404 page for an app
 * of another team. Memoised per request, so the layout and the page share one look-up.
 */
export const requireAppPage = cache(async (appKey: string): Promise<AppAccess & { user: User }> => {
  const user = await requireUser();
  try {
    return { user, ...(await requireApp(user.id, appKey)) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});
