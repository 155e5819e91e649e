import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CrashReportsSection, FeedbackSection } from "@/components/apps/report-lists";
import { Card, CardHeader } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { requireAppPage } from "@/lib/auth/session";
import { listCrashReports, listFeedback } from "@/lib/db/queries/reports";
import { listVersions } from "@/lib/db/queries/versions";
import { listWebhooks } from "@/lib/db/queries/webhooks";
import { PLATFORM_LABELS } from "@/lib/domain/platforms";
import { MAX_WEBHOOKS_PER_APP } from "@/lib/domain/webhook-limit";

export default async function AppOverviewPage({ params }: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  const { app, role, teamName } = await requireAppPage(appKey);
  const [webhooks, versions, feedback, crashes] = await Promise.all([
    listWebhooks(app.id),
    listVersions(app.id),
    listFeedback(app.id),
    listCrashReports(app.id),
  ]);
  const latest = versions.find((v) => !v.hidden);
  const t = await getTranslations("apps.overview");
  const tr = await getTranslations("roles");
  const facts: Array<[string, React.ReactNode]> = [
    [t("platform"), PLATFORM_LABELS[app.platform]],
    [t("bundleId"), app.bundleId ?? "—"],
    [
      t("appKey"),
      <code key="k" className="font-mono text-sm">
        {app.appKey}
      </code>,
    ],
    [t("team"), teamName],
    [t("yourRole"), tr(role)],
    [
      t("latestVersion"),
      latest ? t("latestVersionValue", { version: latest.version, build: latest.build }) : t("noVersions"),
    ],
    [
      t("webhooks"),
      <Link
        key="w"
        href={`/apps/${app.appKey}/settings/webhooks`}
        className="text-indigo-700 hover:underline"
      >
        {t("webhooksValue", {
          count: webhooks.length,
          max: MAX_WEBHOOKS_PER_APP,
          on: webhooks.filter((w) => w.enabled).length,
        })}
      </Link>,
    ],
    [t("created"), <Time key="c" value={app.createdAt} />],
  ];
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader title={t("title")} description={app.description || undefined} />
        <dl className="mt-4 grid gap-x-8 gap-y-4 sm:grid-cols-2">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">{label}</dt>
              <dd className="mt-1 text-sm wrap-anywhere text-zinc-900">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <FeedbackSection items={feedback} />
      <CrashReportsSection items={crashes} />
    </div>
  );
}
