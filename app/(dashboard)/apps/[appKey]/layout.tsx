import Link from "next/link";
import type { ReactNode } from "react";
import { AppTabs } from "@/components/apps/app-tabs";
import { PlatformBadge } from "@/components/apps/platform-badge";
import { requireAppPage } from "@/lib/auth/session";

type Props = { children: ReactNode; params: Promise<{ appKey: string }> };

export default async function AppLayout({ children, params }: Props) {
  const { appKey } = await params;
  const { app, teamName } = await requireAppPage(appKey);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <p className="text-sm text-zinc-500">
          <Link href="/apps" className="hover:underline">
            My Apps
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
