import Link from "next/link";
import { CrashReportsSection, FeedbackSection } from "@/components/apps/report-lists";
import { Card, CardHeader } from "@/components/ui/card";
import { requireAppPage } from "@/lib/auth/session";
import { listCrashReports, listFeedback } from "@/lib/db/queries/reports";
import { listVersions } from "@/lib/db/queries/versions";
import { listWebhooks } from "@/lib/db/queries/webhooks";
import { PLATFORM_LABELS } from "@/lib/domain/platforms";
import { ROLE_LABELS } from "@/lib/domain/roles";
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
  const facts: Array<[string, React.ReactNode]> = [
    ["Platform", PLATFORM_LABELS[app.platform]],
    ["Bundle ID", app.bundleId ?? "—"],
    [
      "App key",
      <code key="k" className="font-mono text-sm">
        {app.appKey}
      </code>,
    ],
    ["Team", teamName],
    ["Your role", ROLE_LABELS[role]],
    ["Latest version", latest ? `${latest.version} (build ${latest.build})` : "No versions yet"],
    [
      "Webhooks",
      <Link
        key="w"
        href={`/apps/${app.appKey}/settings/webhooks`}
        className="text-indigo-700 hover:underline"
      >
        {webhooks.length} / {MAX_WEBHOOKS_PER_APP} ({webhooks.filter((w) => w.enabled).length} on)
      </Link>,
    ],
    ["Created", app.createdAt.toISOString().slice(0, 10)],
  ];
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader title="Overview" description={app.description || undefined} />
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
