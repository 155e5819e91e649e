import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PlatformBadge } from "@/components/apps/platform-badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireTeamContext } from "@/lib/auth/session";
import { listAppsForTeam } from "@/lib/db/queries/apps";
import { can } from "@/lib/domain/roles";
import { MAX_WEBHOOKS_PER_APP } from "@/lib/domain/webhook-limit";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apps.list"))("metaTitle") };
}

export default async function AppsPage() {
  const { current } = await requireTeamContext();
  const apps = await listAppsForTeam(current.team.id);
  const mayCreate = can.createApps(current.role);
  const t = await getTranslations("apps.list");
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-zinc-600">{t("teamApps", { team: current.team.name })}</p>
        </div>
        {mayCreate ? <ButtonLink href="/apps/new">{t("newApp")}</ButtonLink> : null}
      </div>
      {apps.length === 0 ? (
        <EmptyState
          title={t("emptyTitle")}
          description={mayCreate ? t("emptyCreate") : t("emptyReadOnly")}
          action={mayCreate ? <ButtonLink href="/apps/new">{t("newApp")}</ButtonLink> : undefined}
        />
      ) : (
        <Table>
          <THead>
            <TR>
              <TH>{t("app")}</TH>
              <TH>{t("platform")}</TH>
              <TH>{t("latestVersion")}</TH>
              <TH>{t("webhooks")}</TH>
            </TR>
          </THead>
          <TBody>
            {apps.map((app) => (
              <TR key={app.id}>
                <TD>
                  <Link
                    href={`/apps/${app.appKey}`}
                    className="inline-flex min-h-10 items-center font-medium text-indigo-700 hover:underline sm:min-h-0"
                  >
                    {app.name}
                  </Link>
                  {app.bundleId ? (
                    <div className="text-xs break-all text-zinc-500">{app.bundleId}</div>
                  ) : null}
                </TD>
                <TD label={t("platform")}>
                  <PlatformBadge platform={app.platform} />
                </TD>
                <TD label={t("latestVersion")}>
                  {app.latestVersion ? (
                    `${app.latestVersion} (${app.latestBuild})`
                  ) : (
                    <span className="text-zinc-500">{t("noVersions")}</span>
                  )}
                </TD>
                <TD label={t("webhooks")}>
                  <Link
                    href={`/apps/${app.appKey}/settings/webhooks`}
                    className="inline-flex min-h-10 min-w-10 items-center hover:underline sm:min-h-0"
                  >
                    {app.webhookCount} / {MAX_WEBHOOKS_PER_APP}
                  </Link>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
