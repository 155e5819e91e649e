import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { TransferAppForm } from "@/components/apps/transfer-app-form";
import { Alert } from "@/components/ui/alert";
import { transferTargets } from "@/lib/apps/transfer-app";
import { requireAppPage } from "@/lib/auth/session";
import { can } from "@/lib/domain/roles";
import { transferAppAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("appSettings.transfer"))("metaTitle") };
}

export default async function TransferAppPage({ params }: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  const { app, role, teamName, user } = await requireAppPage(appKey);
  const owner = can.transferApps(role);
  const targets = owner ? await transferTargets(user.id, app.appKey) : [];
  const t = await getTranslations("appSettings.transfer");
  const tc = await getTranslations("common");
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        <p className="text-sm text-zinc-600">{t("intro", { app: app.name, team: teamName })}</p>
      </div>
      {!owner ? (
        <Alert tone="info" title={tc("readOnlyTitle")}>
          {t("readOnly", { team: teamName })}
        </Alert>
      ) : targets.length === 0 ? (
        <Alert tone="info" title={t("noTargetTitle")}>
          {t.rich("noTarget", {
            link: (chunks) => (
              <Link href="/teams/new" className="font-medium underline">
                {chunks}
              </Link>
            ),
          })}
        </Alert>
      ) : (
        <TransferAppForm
          appName={app.name}
          currentTeam={teamName}
          targets={targets}
          action={transferAppAction.bind(null, app.appKey)}
        />
      )}
    </div>
  );
}
