import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/ui/time";
import { requireTeamContext } from "@/lib/auth/session";
import { ALERT_PREVIEW_LIMIT } from "@/lib/domain/alerts";
import { can } from "@/lib/domain/roles";
import { emailPreviewMode, listEmailPreviews } from "@/lib/teams/alert-settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notificationSettings.preview"))("metaTitle") };
}

/**
 * Team → Notifications → Email preview (owners and admins), only while SMTP_URL is unset: the alert emails that
 * would have been sent to the team's owners and admins, newest first (docs/alerts.md#email-preview).
 */
export default async function EmailPreviewPage() {
  if (!emailPreviewMode()) notFound();
  const { user, current } = await requireTeamContext();
  const t = await getTranslations("notificationSettings.preview");
  const header = (
    <div className="flex flex-col gap-2">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-zinc-600">{t("intro", { count: ALERT_PREVIEW_LIMIT })}</p>
      <div>
        <ButtonLink href="/team/notifications" variant="secondary" size="sm">
          {t("back")}
        </ButtonLink>
      </div>
    </div>
  );
  if (!can.editTeamSettings(current.role)) {
    const ts = await getTranslations("notificationSettings");
    return (
      <div className="flex flex-col gap-6">
        {header}
        <Alert tone="info">{ts("readOnly")}</Alert>
      </div>
    );
  }
  const emails = await listEmailPreviews(user.id, current.team.id);
  return (
    <div className="flex flex-col gap-6">
      {header}
      {emails.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ol className="flex flex-col gap-4" aria-label={t("title")}>
          {emails.map((email) => (
            <li key={email.id}>
              <Card>
                <article aria-label={email.subject} className="flex flex-col gap-3">
                  <h2 className="text-base font-semibold break-words">{email.subject}</h2>
                  <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                    <dt className="text-zinc-500">{t("kind")}</dt>
                    <dd>{t(`kinds.${email.kind}`)}</dd>
                    <dt className="text-zinc-500">{t("to")}</dt>
                    <dd className="break-all">{email.recipient}</dd>
                    <dt className="text-zinc-500">{t("sentAt")}</dt>
                    <dd>
                      <Time value={email.sentAt} />
                    </dd>
                  </dl>
                  <section aria-label={t("text")}>
                    <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500">{t("text")}</h3>
                    <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-words rounded-md bg-zinc-50 p-3 text-xs">
                      {email.textBody}
                    </pre>
                  </section>
                  <details>
                    <summary className="cursor-pointer text-sm font-medium text-indigo-700">
                      {t("html")}
                    </summary>
                    <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded-md bg-zinc-50 p-3 text-xs">
                      {email.htmlBody}
                    </pre>
                  </details>
                </article>
              </Card>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
