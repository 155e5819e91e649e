import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import {
  type AlertCandidate,
  claimAlert,
  findAlertCandidates,
  findAlertRobot,
  findAlertSettings,
  insertAlertLogEntry,
  listAlertRecipients,
  purgeAlertLog,
} from "@/lib/db/queries/alerts";
import {
  ALERT_LOG_RETENTION_DAYS,
  ALERT_THROTTLE_MS,
  type AlertKind,
  type AlertOutcome,
  FAILING_WARNING_AFTER,
} from "@/lib/domain/alerts";
import { maskUrl } from "@/lib/domain/mask-url";
import { appBaseUrl, env } from "@/lib/env";
import { describeError, logError } from "@/lib/log-error";
import { log } from "@/lib/observability/log";
import { type AlertFacts, alertEmail, alertLanguage, alertMessage } from "./alert-content";
import { lastOutcome } from "./auto-disable";
import { USER_AGENT } from "./config";
import { ROBOT_FORMATS } from "./formats";
import type { HttpClient } from "./http-client";
import { createDeliveryClient } from "./inbox-client";
import { createMailer, type Mailer } from "./mailer";
import { decryptedSecret } from "./render-cache";

/** What the alert pass needs besides the database: where emails go, the links' base, the robots' client. */
export type AlertConfig = {
  /** SMTP_URL; null: emails are logged and kept for the preview page. */
  smtpUrl: string | null;
  /** SMTP_FROM. */
  from: string;
  /** The dashboard's public URL (links in alerts). */
  baseUrl: string;
  /** At most one alert per webhook and kind in this time (an hour). */
  throttleMs: number;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  allowPrivateTargets: boolean;
};

/** The settings from the environment (lib/env.ts), with `overrides` applied. */
export function alertConfig(overrides: Partial<AlertConfig> = {}): AlertConfig {
  const e = env();
  return {
    smtpUrl: e.SMTP_URL ?? null,
    from: e.SMTP_FROM,
    baseUrl: appBaseUrl(),
    throttleMs: ALERT_THROTTLE_MS,
    connectTimeoutMs: e.DELIVERY_CONNECT_TIMEOUT_MS,
    totalTimeoutMs: e.DELIVERY_TOTAL_TIMEOUT_MS,
    allowPrivateTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    ...overrides,
  };
}

/** One alert the pass claimed, and how each channel ended. */
export type SentAlert = {
  webhookId: string;
  kind: AlertKind;
  emails: Array<{ to: string; outcome: AlertOutcome }>;
  robot: { webhookId: string; outcome: AlertOutcome } | null;
};

const MAX_BODY = 200;

/** The last attempt in words: "HTTP 500: database is down", or its connection error. */
function lastAnswer(candidate: AlertCandidate): string | null {
  const outcome = lastOutcome(candidate.lastStatus, candidate.lastError);
  const body = candidate.lastBody?.replace(/\s+/g, " ").trim().slice(0, MAX_BODY);
  if (!outcome || candidate.lastStatus === null || !body || outcome.includes(body)) return outcome;
  return `${outcome}: ${body}`;
}

/** The alert a webhook's state calls for now, with the episode that names it; null when none does. */
export function dueAlert(candidate: AlertCandidate): { kind: AlertKind; episode: Date } | null {
  const { alerted } = candidate;
  const already = (kind: AlertKind, episode: Date) => alerted[kind]?.episode.getTime() === episode.getTime();
  if (!candidate.enabled) {
    if (!candidate.disabledReason || !candidate.disabledAt) return null;
    return already("disabled", candidate.disabledAt)
      ? null
      : { kind: "disabled", episode: candidate.disabledAt };
  }
  if (candidate.consecutiveFailures >= FAILING_WARNING_AFTER && candidate.failingSince) {
    return already("failing", candidate.failingSince)
      ? null
      : { kind: "failing", episode: candidate.failingSince };
  }
  // Recovered: on, no failure since its last success, and an attempt succeeded after the latest problem alert
  // (re-enabling alone starts a new streak at 0 without any success).
  if (candidate.consecutiveFailures === 0 && candidate.succeededSince) {
    const problems = [alerted.failing?.sentAt, alerted.disabled?.sentAt].filter((d): d is Date => !!d);
    const problemAt = new Date(Math.max(...problems.map((d) => d.getTime())));
    if (problems.length > 0 && !already("recovered", problemAt))
      return { kind: "recovered", episode: problemAt };
  }
  return null;
}

function factsOf(candidate: AlertCandidate, kind: AlertKind, now: Date, baseUrl: string): AlertFacts {
  return {
    kind,
    teamName: candidate.teamName,
    appName: candidate.appName,
    webhookName: candidate.webhookName,
    failures: candidate.consecutiveFailures,
    since: candidate.failingSince,
    last: lastAnswer(candidate),
    reason: candidate.disabledReason,
    at: now,
    timeZone: candidate.timeZone,
    link: `${baseUrl.replace(/\/$/, "")}/apps/${encodeURIComponent(candidate.appKey)}/settings/webhooks/${candidate.webhookId}/deliveries`,
  };
}

type Channels = { mailer: Mailer; http: () => HttpClient; config: AlertConfig; conn: Db; now: Date };

/** Emails the team's owners and admins, one email each in their own language; records each outcome. */
async function emailAlert(candidate: AlertCandidate, facts: AlertFacts, channels: Channels) {
  const { mailer, conn, now } = channels;
  const out: SentAlert["emails"] = [];
  for (const recipient of await listAlertRecipients(candidate.teamId, conn)) {
    const mail = alertEmail(facts, alertLanguage(recipient.locale));
    const result = await mailer.send({ to: recipient.email, ...mail });
    if (result.outcome === "failed") {
      log.warn({ webhookId: candidate.webhookId, kind: facts.kind }, `alert email failed: ${result.error}`);
    }
    await insertAlertLogEntry(
      {
        teamId: candidate.teamId,
        webhookId: candidate.webhookId,
        kind: facts.kind,
        channel: "email",
        recipient: recipient.email,
        subject: mail.subject,
        outcome: result.outcome,
        error: result.outcome === "failed" ? result.error : null,
        // Kept only for the preview page, while no SMTP server is configured.
        textBody: result.outcome === "previewed" ? mail.text : null,
        htmlBody: result.outcome === "previewed" ? mail.html : null,
        sentAt: now,
      },
      conn,
    );
    out.push({ to: recipient.email, outcome: result.outcome });
  }
  return out;
}

/**
 * Posts the alert to the team's robot webhook, once (best effort: no retry), through the engine's client and its
 * address policy, in the robot's format, language and signing; records the outcome.
 */
async function robotAlert(
  candidate: AlertCandidate,
  facts: AlertFacts,
  robotWebhookId: string,
  channels: Channels,
): Promise<SentAlert["robot"]> {
  const { conn, now, config } = channels;
  const robot = await findAlertRobot(candidate.teamId, robotWebhookId, conn);
  if (!robot) return null; // no longer the team's (its app moved): nothing to send to
  const message = alertMessage(facts, robot.language);
  let outcome: AlertOutcome = "failed";
  let error: string | null = null;
  if (!robot.enabled) {
    error = "The robot webhook is turned off.";
  } else {
    try {
      const format = ROBOT_FORMATS[robot.type as keyof typeof ROBOT_FORMATS];
      const built = format.build({
        message,
        url: robot.url,
        secret: robot.secretEncrypted ? decryptedSecret(robot.secretEncrypted) : null,
        deliveryId: randomUUID(),
        now,
      });
      const response = await channels.http().post({
        url: built.url,
        headers: { "User-Agent": USER_AGENT, "Content-Type": "application/json; charset=utf-8" },
        body: JSON.stringify(built.body),
        timeoutMs: config.totalTimeoutMs,
      });
      const verdict = format.judge({ outcome: response.outcome, body: response.responseBody }, Date.now());
      if (verdict.kind === "success") outcome = "sent";
      else error = verdict.reason;
    } catch (caught) {
      error = describeError(caught);
    }
  }
  if (error) log.warn({ webhookId: candidate.webhookId, robotWebhookId }, `robot alert failed: ${error}`);
  await insertAlertLogEntry(
    {
      teamId: candidate.teamId,
      webhookId: candidate.webhookId,
      kind: facts.kind,
      channel: "robot",
      recipient: `${robot.name} (${maskUrl(robot.url)})`,
      subject: message.title,
      outcome,
      error,
      sentAt: now,
    },
    conn,
  );
  return { webhookId: robot.id, outcome };
}

/**
 * The alert pass (docs/alerts.md), run by each maintenance pass: finds the webhooks whose state changed since
 * they were last alerted (started failing, turned off automatically, recovered), claims each alert (one per
 * webhook and kind an hour, and never twice for one state, whatever number of processes run it), and sends it
 * to the team's owners and admins by email and/or to its robot webhook, as the team's notification settings
 * say. Sending failures are logged and recorded, never thrown; the delivery path is not touched.
 */
export async function sendAlerts(options: {
  conn: Db;
  now: Date;
  config?: Partial<AlertConfig>;
}): Promise<SentAlert[]> {
  const { conn, now } = options;
  const config = alertConfig(options.config);
  await purgeAlertLog(new Date(now.getTime() - ALERT_LOG_RETENTION_DAYS * 86_400_000), conn);
  const due = (await findAlertCandidates(FAILING_WARNING_AFTER, conn))
    .map((candidate) => ({ candidate, alert: dueAlert(candidate) }))
    .filter((entry) => entry.alert !== null);
  if (due.length === 0) return [];
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.from });
  let client: HttpClient | null = null;
  const channels: Channels = {
    mailer,
    config,
    conn,
    now,
    http: () => {
      client ??= createDeliveryClient({
        connectTimeoutMs: config.connectTimeoutMs,
        allowPrivateTargets: config.allowPrivateTargets,
        baseUrl: config.baseUrl,
      });
      return client;
    },
  };
  const sent: SentAlert[] = [];
  try {
    for (const { candidate, alert } of due) {
      if (!alert) continue;
      const claimed = await claimAlert(
        {
          webhookId: candidate.webhookId,
          kind: alert.kind,
          episode: alert.episode,
          now,
          throttleMs: config.throttleMs,
        },
        conn,
      );
      if (!claimed) continue;
      try {
        const settings = await findAlertSettings(candidate.teamId, conn);
        const facts = factsOf(candidate, alert.kind, now, config.baseUrl);
        const emails = settings.email ? await emailAlert(candidate, facts, channels) : [];
        const robot = settings.robotWebhookId
          ? await robotAlert(candidate, facts, settings.robotWebhookId, channels)
          : null;
        log.info(
          {
            webhookId: candidate.webhookId,
            kind: alert.kind,
            emails: emails.length,
            robot: robot?.outcome ?? null,
          },
          `webhook alert: ${alert.kind}`,
        );
        sent.push({ webhookId: candidate.webhookId, kind: alert.kind, emails, robot });
      } catch (error) {
        // One webhook's alert must not stop the others' (the claim stands: no alert is sent twice).
        logError("alerts", error, { webhookId: candidate.webhookId, kind: alert.kind });
      }
    }
  } finally {
    mailer.close();
    const open = client as HttpClient | null;
    if (open) await open.close();
  }
  return sent;
}
