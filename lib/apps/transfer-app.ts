import "server-only";
import { NO_ORIGIN, type Origin } from "@/lib/audit/origin";
import { recordAudit } from "@/lib/audit/record";
import { requireApp, requireTeam } from "@/lib/auth/access";
import { transaction } from "@/lib/db/client";
import { lockAppInTeam, moveAppToTeam } from "@/lib/db/queries/apps";
import { listTeamsForUser } from "@/lib/db/queries/teams";
import type { App } from "@/lib/db/schema";
import { AppError, forbidden, invalid, notFound, text } from "@/lib/errors";
import { emit } from "@/lib/events/emit";
import { transferAppInput } from "@/lib/validation/app-settings";
import { parseInput } from "@/lib/validation/parse";
import { appEventFacts } from "./app-event-facts";

export const NOT_OWNER_OF_TARGET = text("app.notOwnerOfTarget");

export type TransferTarget = { id: string; name: string };

/** The teams an owner of the app may move it to: the other teams where they are an owner too. */
export async function transferTargets(userId: string, appKey: string): Promise<TransferTarget[]> {
  const { app } = await requireApp(userId, appKey, "owner");
  return (await listTeamsForUser(userId))
    .filter(({ team, role }) => role === "owner" && team.id !== app.teamId)
    .map(({ team }) => ({ id: team.id, name: team.name }));
}

export type TransferOutcome = { app: App; fromTeam: string; toTeam: string };

/**
 * Setting → Transfer (owners of both teams): moves the app, with its versions, webhooks and reports, to
 * the target team and emits `appMigration` (data: `from_team`, `to_team` names) under the new team's id,
 * in the same transaction. The webhooks stay with the app, so they receive the event. Both teams' audit logs
 * record the move.
 */
export async function transferApp(
  userId: string,
  appKey: string,
  input: unknown,
  origin: Origin = NO_ORIGIN,
): Promise<TransferOutcome> {
  const { app, teamName } = await requireApp(userId, appKey, "owner");
  const { teamId } = parseInput(transferAppInput, input);
  if (teamId === app.teamId) throw invalid({ teamId: text("app.alreadyInTeam") });
  const target = await requireTeam(userId, teamId, "owner").catch((error: unknown) => {
    if (error instanceof AppError && error.code === "forbidden") throw forbidden(NOT_OWNER_OF_TARGET);
    throw error;
  });
  return transaction(async (tx) => {
    const current = await lockAppInTeam(tx, app.id, app.teamId);
    if (!current) throw notFound("App");
    const moved = await moveAppToTeam(tx, app.id, target.team.id);
    if (!moved) throw notFound("App");
    await emit(tx, {
      type: "appMigration",
      teamId: target.team.id,
      app: moved,
      facts: {
        ...(await appEventFacts(tx, moved)),
        notes: `Moved from team ${teamName} to team ${target.team.name}.`,
        data: { from_team: teamName, to_team: target.team.name },
      },
    });
    for (const teamId of [app.teamId, target.team.id]) {
      await recordAudit(tx, userId, origin, {
        teamId,
        kind: "app.transferred",
        app: moved,
        changes: [{ field: "team", from: teamName, to: target.team.name }],
      });
    }
    return { app: moved, fromTeam: teamName, toTeam: target.team.name };
  });
}
