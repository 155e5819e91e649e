import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AppTabs } from "@/components/apps/app-tabs";
import { PlatformBadge } from "@/components/apps/platform-badge";
import { FollowTeam } from "@/components/dashboard/follow-team";
import { requireAppPage, requireTeamContext } from "@/lib/auth/session";
import { switchTeam } from "../../actions";

type Props = { children: ReactNode; params: Promise<{ appKey: string }> };

export default async function AppLayout({ children, params }: Props) {
  const { appKey } = await params;
  const [{ app, teamName }, { current }] = await Promise.all([requireAppPage(appKey), requireTeamContext()]);
  const t = await getTranslations("apps.header");
  return (
    <div className="flex flex-col gap-6">
      {app.teamId !== current.team.id ? <FollowTeam teamId={app.teamId} action={switchTeam} /> : null}
      <div>
        <p className="text-sm text-zinc-500">
          <Link href="/apps" className="hover:underline">
            {t("myApps")}
          </Link>{" "}
          / {teamName}
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{app.name}</h1>
          <PlatformBadge platform={app.platform} />
        </div>
      </div>
      <AppTabs appKey={app.appKey} />
      {children}
    </div>
  );
}
