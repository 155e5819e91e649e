import "server-only";
import { createTranslator } from "use-intl/core";
import type { AlertKind } from "@/lib/domain/alerts";
import type { Language } from "@/lib/domain/event-catalog";
import { formatInTimeZone } from "@/lib/domain/time-zones";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { MESSAGE_TEXT, type Message } from "./formats/message";
import { truncateUtf8 } from "./formats/truncate";

/**
 * What an alert says (docs/alerts.md#what-an-alert-says), in one language: an email (subject, text, HTML) for a
 * team's owners and admins, or a chat message (a Message, rendered by each robot's own format). The words are in
 * messages/*.json (`alerts`), so both languages stay complete (lib/i18n/messages.test.ts).
 */

/** The facts of one alert: which app and webhook, what happened, and where to look. */
export type AlertFacts = {
  kind: AlertKind;
  teamName: string;
  appName: string;
  webhookName: string;
  /** Failed attempts in a row (failing), or at the disable. */
  failures: number;
  /** The first failure of the streak. */
  since: Date | null;
  /** The last attempt's outcome in words ("HTTP 500: database is down", a connection error). */
  last: string | null;
  /** Why it was turned off (disabled). */
  reason: string | null;
  /** When the pass found it. */
  at: Date;
  /** The team's payload time zone: times are written in it, as in robot messages (docs/events.md#time-zone). */
  timeZone: string;
  /** The webhook's deliveries page, absolute. */
  link: string;
};

const MESSAGES = { en, "zh-CN": zhCN } as const;

const translator = (language: Language) =>
  createTranslator({ locale: language, messages: MESSAGES[language], namespace: "alerts" });

/** A user's dashboard language as an alert language: English unless they chose Chinese. */
export function alertLanguage(locale: string | null): Language {
  return locale === "zh-CN" ? "zh-CN" : "en";
}

const MAX_NAME_BYTES = 120;
const MAX_TEXT_BYTES = 600;
const oneLine = (value: string, bytes: number) => truncateUtf8(value.replace(/\s+/g, " ").trim(), bytes).text;

const COLORS: Record<AlertKind, Message["color"]> = {
  failing: { rgb: 0xd97706, lark: "orange" },
  disabled: { rgb: 0xdc2626, lark: "red" },
  recovered: { rgb: 0x16a34a, lark: "green" },
};

type Line = { label: string; value: string };

/** Title, sentence and labelled lines of an alert, in one language (plain text: each output escapes its own way). */
function wording(facts: AlertFacts, language: Language) {
  const t = translator(language);
  const app = oneLine(facts.appName, MAX_NAME_BYTES);
  const webhook = oneLine(facts.webhookName, MAX_NAME_BYTES);
  const time = (date: Date) => `${formatInTimeZone(date.toISOString(), facts.timeZone)} ${facts.timeZone}`;
  const since = facts.since ? time(facts.since) : "";
  const names = { app, webhook };
  const title = t(`title.${facts.kind}`, names);
  const sentence =
    facts.kind === "failing"
      ? t("sentence.failing", { ...names, count: facts.failures, since })
      : t(`sentence.${facts.kind}`, names);
  const lines: Line[] = [
    { label: t("app"), value: app },
    { label: t("webhook"), value: webhook },
  ];
  if (facts.kind !== "recovered") {
    lines.push({ label: t("failures"), value: String(facts.failures) });
    if (since) lines.push({ label: t("since"), value: since });
    if (facts.last) lines.push({ label: t("last"), value: oneLine(facts.last, MAX_TEXT_BYTES) });
  }
  lines.push({ label: t("time"), value: time(facts.at) });
  const reason =
    facts.kind === "disabled" && facts.reason
      ? { label: t("reason"), text: oneLine(facts.reason, 1000) }
      : null;
  return {
    title,
    sentence,
    lines,
    reason,
    linkLabel: t("link"),
    footer: t("footer", { team: facts.teamName }),
  };
}

export type AlertEmail = { subject: string; text: string; html: string };

const html = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The email of an alert in `language`: a plain-text part and an HTML part saying the same. */
export function alertEmail(facts: AlertFacts, language: Language): AlertEmail {
  const w = wording(facts, language);
  const colon = MESSAGE_TEXT[language].colon;
  const text = [
    w.sentence,
    "",
    ...w.lines.map((line) => `${line.label}${colon}${line.value}`),
    ...(w.reason ? ["", `${w.reason.label}${colon}${w.reason.text}`] : []),
    "",
    `${w.linkLabel}: ${facts.link}`,
    "",
    "-- ",
    w.footer,
  ].join("\n");
  const rows = w.lines
    .map(
      (line) =>
        `<tr><th align="left" style="padding:2px 12px 2px 0;color:#52525b;font-weight:normal">${html(line.label)}</th><td style="padding:2px 0">${html(line.value)}</td></tr>`,
    )
    .join("");
  const body = [
    `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;color:#18181b">`,
    `<h1 style="font-size:18px">${html(w.title)}</h1>`,
    `<p>${html(w.sentence)}</p>`,
    `<table>${rows}</table>`,
    w.reason ? `<p><strong>${html(w.reason.label)}</strong><br>${html(w.reason.text)}</p>` : "",
    `<p><a href="${html(facts.link)}">${html(w.linkLabel)}</a></p>`,
    `<p style="color:#71717a;font-size:12px">${html(w.footer)}</p>`,
    "</body></html>",
  ].join("");
  return { subject: w.title, text, html: body };
}

/**
 * The chat message of an alert in the robot webhook's language: a Message like an event's, so each robot format
 * renders it with its own markup, escaping and size limit (docs/robots.md#message-content). Its title contains
 * "Application" / "应用", as every robot message does (ROBOT_KEYWORDS).
 */
export function alertMessage(facts: AlertFacts, language: Language): Message {
  const w = wording(facts, language);
  const words = MESSAGE_TEXT[language];
  return {
    type: "alert",
    language,
    title: w.title,
    appName: oneLine(facts.appName, MAX_NAME_BYTES),
    sentence: w.sentence,
    facts: w.lines.slice(1),
    notes: w.reason ? { ...w.reason, code: false } : null,
    link: { label: w.linkLabel, url: facts.link },
    colon: words.colon,
    truncatedMark: words.truncated,
    occurredAt: facts.at.toISOString(),
    color: COLORS[facts.kind],
  };
}
