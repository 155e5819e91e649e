import "server-only";
import { NO_ORIGIN, type Origin } from "@/lib/audit/origin";
import { diff, recordAudit } from "@/lib/audit/record";
import { requireTeam } from "@/lib/auth/access";
import type { Actor } from "@/lib/auth/actor";
import { transaction } from "@/lib/db/client";
import {
  type AlertSettings,
  findAlertSettings,
  listPreviewedEmails,
  listTeamRobotWebhooks,
  saveAlertSettings,
  type TeamRobotWebhook,
} from "@/lib/db/queries/alerts";
import type { AlertLogEntry } from "@/lib/db/schema";
import { ALERT_PREVIEW_LIMIT } from "@/lib/domain/alerts";
import { can } from "@/lib/domain/roles";
import { env } from "@/lib/env";
import { forbidden, invalid, notFound, text } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { alertSettingsInput } from "@/lib/validation/team";

export type AlertSettingsView = {
  settings: AlertSettings;
  /** The team's chat-robot webhooks, for the select. */
  robots: TeamRobotWebhook[];
  /** Whether the user may change them (admins and owners). */
  canEdit: boolean;
};

/** Team → Notifications as any member of the team sees it (docs/alerts.md#settings). Another team's: 404. */
export async function getAlertSettings(actor: Actor, teamId: string): Promise<AlertSettingsView> {
  const { role } = await requireTeam(actor, teamId);
  const [settings, robots] = await Promise.all([findAlertSettings(teamId), listTeamRobotWebhooks(teamId)]);
  return { settings, robots, canEdit: can.editTeamSettings(role) };
}

/**
 * Team → Notifications → Save (admins and owners): whether owners and admins get alert emails, and which of the
 * team's chat-robot webhooks gets alerts, if any. A webhook that is not one of the team's robots is refused
 * with a field error and nothing changes. A change is recorded in the audit log (`team.alerts_updated`).
 */
export async function updateAlertSettings(
  actor: Actor,
  teamId: string,
  input: unknown,
  origin: Origin = NO_ORIGIN,
): Promise<AlertSettings> {
  const { role } = await requireTeam(actor, teamId);
  if (!can.editTeamSettings(role)) throw forbidden(text("team.settingsAdminsOnly"));
  const next = parseInput(alertSettingsInput, input);
  return transaction(async (tx) => {
    const robots = await listTeamRobotWebhooks(teamId, tx);
    const robotName = (id: string | null) => robots.find((robot) => robot.id === id)?.name ?? null;
    if (next.robotWebhookId && !robotName(next.robotWebhookId)) {
      throw invalid({ robotWebhookId: text("team.alertRobotUnknown") });
    }
    const before = await findAlertSettings(teamId, tx);
    await saveAlertSettings(teamId, next, tx);
    const changes = diff(
      { alert_email: before.email, alert_robot: robotName(before.robotWebhookId) },
      { alert_email: next.email, alert_robot: robotName(next.robotWebhookId) },
      ["alert_email", "alert_robot"],
    );
    if (changes.length > 0) {
      await recordAudit(tx, actor, origin, { teamId, kind: "team.alerts_updated", changes });
    }
    return next;
  });
}

/** Whether alert emails are only previewed: no SMTP_URL (docs/alerts.md#email-preview). */
export function emailPreviewMode(): boolean {
  return !env().SMTP_URL;
}

/**
 * The team's latest alert emails that were not sent because SMTP_URL is unset (owners and admins, who are
 * their recipients). With SMTP_URL set there is no preview: not found.
 */
export async function listEmailPreviews(actor: Actor, teamId: string): Promise<AlertLogEntry[]> {
  if (!emailPreviewMode()) throw notFound("Email preview");
  const { role } = await requireTeam(actor, teamId);
  if (!can.editTeamSettings(role)) throw forbidden(text("team.settingsAdminsOnly"));
  return listPreviewedEmails(teamId, ALERT_PREVIEW_LIMIT);
}
