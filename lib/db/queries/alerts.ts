import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, lt, ne, sql } from "drizzle-orm";
import type { AlertChannel, AlertKind, AlertOutcome } from "@/lib/domain/alerts";
import type { Language } from "@/lib/domain/event-catalog";
import type { WebhookType } from "@/lib/domain/webhook-types";
import { type Db, db, type Tx } from "../client";
import { rowsOf } from "../rows";
import {
  type AlertLogEntry,
  alertLog,
  apps,
  memberships,
  teamAlertSettings,
  users,
  webhookAlerts,
  webhooks,
} from "../schema";

/** A team's alert settings; the defaults (email on, no robot) when it has never saved them. */
export type AlertSettings = { email: boolean; robotWebhookId: string | null };

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { email: true, robotWebhookId: null };

export async function findAlertSettings(teamId: string, conn?: Db | Tx): Promise<AlertSettings> {
  const [row] = await (conn ?? (await db()))
    .select({ email: teamAlertSettings.email, robotWebhookId: teamAlertSettings.robotWebhookId })
    .from(teamAlertSettings)
    .where(eq(teamAlertSettings.teamId, teamId))
    .limit(1);
  return row ?? DEFAULT_ALERT_SETTINGS;
}

/** Stores the team's alert settings (the caller checked the robot webhook is the team's). */
export async function saveAlertSettings(
  teamId: string,
  settings: AlertSettings,
  conn: Db | Tx,
): Promise<void> {
  await conn
    .insert(teamAlertSettings)
    .values({ teamId, ...settings, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: teamAlertSettings.teamId,
      set: { email: settings.email, robotWebhookId: settings.robotWebhookId, updatedAt: new Date() },
    });
}

/** A chat-robot webhook of one of the team's apps, as the settings' select lists it. */
export type TeamRobotWebhook = {
  id: string;
  name: string;
  type: WebhookType;
  appName: string;
  enabled: boolean;
};

/** The team's chat-robot webhooks (every type but "Other (JSON)"), by app and name. */
export async function listTeamRobotWebhooks(teamId: string, conn?: Db | Tx): Promise<TeamRobotWebhook[]> {
  return (conn ?? (await db()))
    .select({
      id: webhooks.id,
      name: webhooks.name,
      type: webhooks.type,
      appName: apps.name,
      enabled: webhooks.enabled,
    })
    .from(webhooks)
    .innerJoin(apps, eq(apps.id, webhooks.appId))
    .where(and(eq(apps.teamId, teamId), ne(webhooks.type, "json")))
    .orderBy(asc(apps.name), asc(webhooks.name));
}

/** A webhook whose state may call for an alert, with what the alert says and what was alerted before. */
export type AlertCandidate = {
  webhookId: string;
  webhookName: string;
  appId: string;
  appKey: string;
  appName: string;
  teamId: string;
  teamName: string;
  /** The team's payload time zone (alerts write times in it, as robot messages do). */
  timeZone: string;
  enabled: boolean;
  consecutiveFailures: number;
  failingSince: Date | null;
  disabledReason: string | null;
  disabledAt: Date | null;
  /** The last attempt: its HTTP status, error and the start of the answer's body. */
  lastStatus: number | null;
  lastError: string | null;
  lastBody: string | null;
  /** The last alert claimed of each kind: what it was about and when. */
  alerted: Partial<Record<AlertKind, { episode: Date; sentAt: Date }>>;
  /**
   * Whether an attempt was answered 2xx after `problemAlertedAt` (the latest failing or disabled alert): asked only
   * while the webhook is on with no failure since its last success, else null.
   */
  succeededSince: boolean | null;
};

type CandidateRow = {
  webhook_id: string;
  webhook_name: string;
  app_id: string;
  app_key: string;
  app_name: string;
  team_id: string;
  team_name: string;
  time_zone: string;
  enabled: boolean;
  consecutive_failures: number;
  failing_since: Date | string | null;
  disabled_reason: string | null;
  disabled_at: Date | string | null;
  last_status: number | null;
  last_error: string | null;
  last_body: string | null;
  alerts: Array<{ kind: AlertKind; episode: string; sent_at: string }> | null;
  succeeded_since: boolean | null;
};

const asDate = (value: Date | string | null): Date | null =>
  value === null ? null : value instanceof Date ? value : new Date(value);

/**
 * The webhooks the alert pass looks at (docs/alerts.md#how-alerts-are-found): those failing `failingAfter` times or
 * more in a row, those turned off automatically, and those alerted of a problem whose recovery is still to be told
 * (a webhook told of its recovery drops out, so the read does not grow with history). One read
 * over the webhooks table a minute; nothing here is on the delivery path. Ordered by id.
 */
export async function findAlertCandidates(failingAfter: number, conn?: Db): Promise<AlertCandidate[]> {
  const handle = conn ?? (await db());
  const result = await handle.execute(sql`
    with alerted as (
      select webhook_id,
             json_agg(json_build_object('kind', kind, 'episode', episode, 'sent_at', sent_at)) as alerts,
             max(sent_at) filter (where kind in ('failing', 'disabled')) as problem_at,
             max(episode) filter (where kind = 'recovered') as recovered_for
      from webhook_alerts group by webhook_id
    )
    select w.id as webhook_id, w.name as webhook_name, a.id as app_id, a.app_key, a.name as app_name,
           a.team_id, t.name as team_name, t.payload_time_zone as time_zone, w.enabled, w.consecutive_failures, w.failing_since, w.disabled_reason, w.disabled_at,
           last.response_status as last_status, last.error as last_error,
           left(last.response_body, 300) as last_body, al.alerts,
           case when w.enabled and w.consecutive_failures = 0 and al.problem_at is not null
                     and (al.recovered_for is null or al.recovered_for < al.problem_at)
                then exists (
                  select 1 from delivery_attempts da
                  where da.webhook_id = w.id and da.started_at > al.problem_at
                    and da.response_status between 200 and 299)
           end as succeeded_since
    from webhooks w
    join apps a on a.id = w.app_id
    join teams t on t.id = a.team_id
    left join alerted al on al.webhook_id = w.id
    left join lateral (
      select response_status, error, response_body from delivery_attempts da
      where da.webhook_id = w.id order by da.started_at desc limit 1
    ) last on w.consecutive_failures > 0 or not w.enabled
    where (w.enabled and w.consecutive_failures >= ${failingAfter})
       or (not w.enabled and w.disabled_reason is not null)
       -- A webhook alerted before matters again only while its recovery is still to be told.
       or (al.problem_at is not null and (al.recovered_for is null or al.recovered_for < al.problem_at))
    order by w.id`);
  return rowsOf<CandidateRow>(result).map((row) => {
    const alerted: AlertCandidate["alerted"] = {};
    for (const alert of row.alerts ?? []) {
      alerted[alert.kind] = { episode: new Date(alert.episode), sentAt: new Date(alert.sent_at) };
    }
    return {
      webhookId: row.webhook_id,
      webhookName: row.webhook_name,
      appId: row.app_id,
      appKey: row.app_key,
      appName: row.app_name,
      teamId: row.team_id,
      teamName: row.team_name,
      timeZone: row.time_zone,
      enabled: row.enabled,
      consecutiveFailures: Number(row.consecutive_failures),
      failingSince: asDate(row.failing_since),
      disabledReason: row.disabled_reason,
      disabledAt: asDate(row.disabled_at),
      lastStatus: row.last_status === null ? null : Number(row.last_status),
      lastError: row.last_error,
      lastBody: row.last_body,
      alerted,
      succeededSince: row.succeeded_since,
    };
  });
}

/**
 * Claims an alert before it is sent: records `episode` as alerted for the webhook and kind unless that episode was
 * alerted already, or an alert of this kind was claimed less than `throttleMs` before `now`. The row lock of the
 * upsert makes concurrent passes agree: exactly one of them gets `true`.
 */
export async function claimAlert(
  claim: { webhookId: string; kind: AlertKind; episode: Date; now: Date; throttleMs: number },
  conn?: Db,
): Promise<boolean> {
  const handle = conn ?? (await db());
  const rows = await handle
    .insert(webhookAlerts)
    .values({ webhookId: claim.webhookId, kind: claim.kind, episode: claim.episode, sentAt: claim.now })
    .onConflictDoUpdate({
      target: [webhookAlerts.webhookId, webhookAlerts.kind],
      set: { episode: claim.episode, sentAt: claim.now },
      setWhere: sql`${webhookAlerts.episode} <> excluded.episode
        and ${webhookAlerts.sentAt} <= ${new Date(claim.now.getTime() - claim.throttleMs).toISOString()}::timestamptz`,
    })
    .returning({ webhookId: webhookAlerts.webhookId });
  return rows.length > 0;
}

/** Who an email alert goes to: the team's owners and admins, with the language they chose. */
export type AlertRecipient = { userId: string; name: string; email: string; locale: string | null };

export async function listAlertRecipients(teamId: string, conn?: Db): Promise<AlertRecipient[]> {
  return (conn ?? (await db()))
    .select({ userId: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.teamId, teamId), inArray(memberships.role, ["owner", "admin"])))
    .orderBy(asc(memberships.createdAt));
}

/** The robot webhook an alert goes to, if it (still) belongs to one of the team's apps. */
export type AlertRobot = {
  id: string;
  name: string;
  type: WebhookType;
  url: string;
  language: Language;
  secretEncrypted: string | null;
  enabled: boolean;
};

export async function findAlertRobot(
  teamId: string,
  webhookId: string,
  conn?: Db,
): Promise<AlertRobot | null> {
  const [row] = await (conn ?? (await db()))
    .select({
      id: webhooks.id,
      name: webhooks.name,
      type: webhooks.type,
      url: webhooks.url,
      language: webhooks.language,
      secretEncrypted: webhooks.secretEncrypted,
      enabled: webhooks.enabled,
    })
    .from(webhooks)
    .innerJoin(apps, eq(apps.id, webhooks.appId))
    .where(and(eq(webhooks.id, webhookId), eq(apps.teamId, teamId), ne(webhooks.type, "json")))
    .limit(1);
  return row ?? null;
}

export type NewAlertLogEntry = {
  teamId: string;
  webhookId: string;
  kind: AlertKind;
  channel: AlertChannel;
  recipient: string;
  subject: string;
  outcome: AlertOutcome;
  error?: string | null;
  textBody?: string | null;
  htmlBody?: string | null;
  sentAt: Date;
};

export async function insertAlertLogEntry(entry: NewAlertLogEntry, conn?: Db): Promise<void> {
  await (conn ?? (await db())).insert(alertLog).values(entry);
}

/** The team's latest previewed alert emails (kept while SMTP_URL is unset), newest first. */
export async function listPreviewedEmails(teamId: string, limit: number): Promise<AlertLogEntry[]> {
  return (await db())
    .select()
    .from(alertLog)
    .where(
      and(
        eq(alertLog.teamId, teamId),
        eq(alertLog.channel, "email"),
        eq(alertLog.outcome, "previewed"),
        isNotNull(alertLog.textBody),
      ),
    )
    .orderBy(desc(alertLog.sentAt), desc(alertLog.id))
    .limit(limit);
}

/** Deletes the record of alerts sent before `before`; how many rows went. */
export async function purgeAlertLog(before: Date, conn?: Db): Promise<number> {
  const rows = await (conn ?? (await db()))
    .delete(alertLog)
    .where(lt(alertLog.sentAt, before))
    .returning({ id: alertLog.id });
  return rows.length;
}
