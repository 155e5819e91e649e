import "server-only";
import { requireTeam } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { setPayloadTimeZone } from "@/lib/db/queries/teams";
import type { Team } from "@/lib/db/schema";
import { can } from "@/lib/domain/roles";
import { forbidden, notFound, text } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { payloadTimeZoneInput } from "@/lib/validation/team";

/**
 * Team settings → Payload time zone (admins and owners): the IANA zone in which the team's JSON payloads and
 * robot messages write their times (docs/events.md#time-zone). A name this server does not know is refused
 * with a field error and nothing changes. Pending deliveries use the new zone from their next attempt.
 */
export async function updatePayloadTimeZone(actor: Actor, teamId: string, input: unknown): Promise<Team> {
  const { role } = await requireTeam(actor, teamId);
  if (!can.editTeamSettings(role)) throw forbidden(text("team.settingsAdminsOnly"));
  const { timeZone } = parseInput(payloadTimeZoneInput, input);
  const team = await setPayloadTimeZone(teamId, timeZone);
  if (!team) throw notFound("Team");
  return team;
}
