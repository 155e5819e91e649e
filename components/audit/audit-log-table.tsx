import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { AuditEntryView } from "@/lib/audit/list-audit";
import { type AuditChange, type AuditField, type AuditValue, hasValues } from "@/lib/domain/audit";
import { EVENT_TYPES, LANGUAGES } from "@/lib/domain/event-catalog";
import { PLATFORM_LABELS, PLATFORMS } from "@/lib/domain/platforms";
import { ROLES } from "@/lib/domain/roles";
import { INBOX_MODES } from "@/lib/domain/test-inbox";
import { WEBHOOK_TYPES } from "@/lib/domain/webhook-types";

type Props = { entries: AuditEntryView[]; team: string };

const oneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** One recorded value in words: on/off for switches, role names, lists joined; nothing as "—". */
function useSay() {
  const t = useTranslations();
  const format = useFormatter();
  /** A code in words where the dashboard has words for it: webhook types, events, languages, platforms, roles. */
  const word = (field: AuditField, code: string): string => {
    if (field === "type" && oneOf(WEBHOOK_TYPES, code)) return t(`webhookTypes.${code}`);
    if (field === "events" && oneOf(EVENT_TYPES, code)) return t(`events.${code}`);
    if (field === "language" && oneOf(LANGUAGES, code)) return t(`webhooks.form.languages.${code}`);
    if (field === "role" && oneOf(ROLES, code)) return t(`roles.${code}`);
    if (field === "answer" && oneOf(INBOX_MODES, code)) return t(`inbox.modes.${code}`);
    if (field === "platform" && oneOf(PLATFORMS, code)) return PLATFORM_LABELS[code];
    if (field === "since" && !Number.isNaN(Date.parse(code))) {
      // A server component: the request's time zone (lib/i18n/request.ts), to the second.
      return format.dateTime(new Date(code), { dateStyle: "medium", timeStyle: "medium" });
    }
    return code;
  };
  return (change: Extract<AuditChange, { from: AuditValue }>, value: AuditValue): string => {
    if (value === null || value === "") return t("audit.none");
    if (typeof value === "boolean") return value ? t("audit.on") : t("audit.off");
    if (Array.isArray(value)) {
      return value.length > 0
        ? value.map((code) => word(change.field, String(code))).join(", ")
        : t("audit.none");
    }
    return word(change.field, String(value));
  };
}

/** The audit log's entries: when, who, from where, and what changed (old → new; a secret only as changed). */
export function AuditLogTable({ entries, team }: Props) {
  const t = useTranslations("audit");
  const say = useSay();
  return (
    <Table>
      <caption className="sr-only">{t("caption", { team })}</caption>
      <THead>
        <TR>
          <TH>{t("when")}</TH>
          <TH>{t("who")}</TH>
          <TH>{t("address")}</TH>
          <TH>{t("what")}</TH>
          <TH>{t("changes")}</TH>
        </TR>
      </THead>
      <TBody>
        {entries.map((entry) => (
          <TR key={entry.id}>
            <TD label={t("when")}>
              <Time value={entry.at} />
            </TD>
            <TD label={t("who")}>
              <span className="font-medium">{entry.actor.name}</span>
              {entry.actor.type === "api_key" ? (
                <Badge tone="info" className="ml-2">
                  {t("apiKey")}
                </Badge>
              ) : null}
            </TD>
            <TD label={t("address")}>
              {entry.address ? (
                <code className="font-mono text-xs">{entry.address}</code>
              ) : (
                <span className="whitespace-nowrap text-zinc-500" title={t("unknownAddressHint")}>
                  {t("unknownAddress")}
                </span>
              )}
            </TD>
            <TD label={t("what")}>
              <div className="font-medium">{t(`kinds.${entry.kind}`)}</div>
              {entry.target?.name ? <div className="text-sm">{entry.target.name}</div> : null}
              {entry.app ? (
                <div className="text-xs text-zinc-500">{t("inApp", { app: entry.app.name })}</div>
              ) : null}
            </TD>
            <TD label={t("changes")}>
              {entry.changes.length === 0 ? (
                <span className="text-zinc-500">{t("none")}</span>
              ) : (
                <ul className="flex flex-col gap-1 text-sm">
                  {entry.changes.map((change) => (
                    <li key={change.field} className="break-words">
                      <span className="font-medium">{t(`fields.${change.field}`)}:</span>{" "}
                      {hasValues(change)
                        ? `${say(change, change.from)} → ${say(change, change.to)}`
                        : t("secretChanged")}
                    </li>
                  ))}
                </ul>
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
