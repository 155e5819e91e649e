import { useTranslations } from "next-intl";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { CrashReport, Feedback } from "@/lib/db/schema";

function versionLabel(item: { appVersion: string | null; build: string | null }): string {
  if (!item.appVersion) return "—";
  return item.build ? `${item.appVersion} (${item.build})` : item.appVersion;
}

/** The app's feedback, newest first (the list query's order). */
export function FeedbackSection({ items }: { items: Feedback[] }) {
  const t = useTranslations("apps.reports");
  return (
    <Card>
      <CardHeader title={t("feedbackTitle")} description={t("feedbackDescription")} />
      {items.length === 0 ? (
        <EmptyState as="h3" title={t("feedbackEmptyTitle")} description={t("feedbackEmpty")} />
      ) : (
        <Table>
          <caption className="sr-only">{t("feedbackCaption")}</caption>
          <THead>
            <TR>
              <TH>{t("received")}</TH>
              <TH>{t("feedback")}</TH>
              <TH>{t("contact")}</TH>
              <TH>{t("device")}</TH>
              <TH>{t("version")}</TH>
            </TR>
          </THead>
          <TBody>
            {items.map((item) => (
              <TR key={item.id}>
                <TD label={t("received")} className="whitespace-nowrap">
                  <Time value={item.createdAt} />
                </TD>
                <TD label={t("feedback")} className="max-w-md whitespace-pre-line break-words text-zinc-900">
                  {item.content}
                </TD>
                <TD label={t("contact")} className="break-words">
                  {item.contact || "—"}
                </TD>
                <TD label={t("device")}>{item.device || "—"}</TD>
                <TD label={t("version")} className="whitespace-nowrap">
                  {versionLabel(item)}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

/** The app's crash reports, newest first; the stack opens on demand. */
export function CrashReportsSection({ items }: { items: CrashReport[] }) {
  const t = useTranslations("apps.reports");
  return (
    <Card>
      <CardHeader title={t("crashTitle")} description={t("crashDescription")} />
      {items.length === 0 ? (
        <EmptyState as="h3" title={t("crashEmptyTitle")} description={t("crashEmpty")} />
      ) : (
        <Table>
          <caption className="sr-only">{t("crashCaption")}</caption>
          <THead>
            <TR>
              <TH>{t("received")}</TH>
              <TH>{t("exception")}</TH>
              <TH>{t("occurrences")}</TH>
              <TH>{t("device")}</TH>
              <TH>{t("version")}</TH>
            </TR>
          </THead>
          <TBody>
            {items.map((item) => (
              <TR key={item.id}>
                <TD label={t("received")} className="whitespace-nowrap align-top">
                  <Time value={item.createdAt} />
                </TD>
                <TD label={t("exception")} className="max-w-lg align-top">
                  <p className="break-words font-medium text-zinc-900">{item.exception}</p>
                  {item.stack ? (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs text-indigo-700 max-sm:py-3">
                        {t("stackTrace")}
                      </summary>
                      <pre className="mt-1 max-h-64 overflow-auto rounded bg-zinc-50 p-2 font-mono text-xs whitespace-pre-wrap wrap-anywhere text-zinc-700">
                        {item.stack}
                      </pre>
                    </details>
                  ) : null}
                </TD>
                <TD label={t("occurrences")} className="align-top">
                  {item.occurrences}
                </TD>
                <TD label={t("device")} className="align-top">
                  {item.device || "—"}
                </TD>
                <TD label={t("version")} className="whitespace-nowrap align-top">
                  {versionLabel(item)}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
