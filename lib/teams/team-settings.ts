import "server-only";
import { NO_ORIGIN, type Origin } from "@/lib/audit/origin";
import { diff, recordAudit } from "@/lib/audit/record";
import { requireTeam } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { transaction } from "@/lib/db/client";
import { setPayloadTimeZone } from "@/lib/db/queries/teams";
import type { Team } from "@/lib/db/schema";
import { can } from "@/lib/domain/roles";
import { forbidden, notFound, text } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { payloadTimeZoneInput } from "@/lib/validation/team";

/**
 * Team settings → Payload time zone (admins and owners): the IANA zone in which the team's JSON payloads and
 * robot messages write their times (docs/events.md#time-zone). A name this server does not know is refused
 * with a field error and nothing changes. Pending deliveries use the new zone from their next attempt. A change
 * is recorded in the audit log (old → new).
 */
export async function updatePayloadTimeZone(
  actor: Actor,
  teamId: string,
  input: unknown,
  origin: Origin = NO_ORIGIN,
): Promise<Team> {
  const { role, team: before } = await requireTeam(actor, teamId);
  if (!can.editTeamSettings(role)) throw forbidden(text("team.settingsAdminsOnly"));
  const { timeZone } = parseInput(payloadTimeZoneInput, input);
  return transaction(async (tx) => {
    const team = await setPayloadTimeZone(teamId, timeZone, tx);
    if (!team) throw notFound("Team");
    const changes = diff(
      { payload_time_zone: before.payloadTimeZone },
      { payload_time_zone: team.payloadTimeZone },
      ["payload_time_zone"],
    );
    if (changes.length > 0) await recordAudit(tx, actor, origin, { teamId, kind: "team.updated", changes });
    return team;
  });
}
