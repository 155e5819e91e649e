import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DeleteAppForm } from "@/components/apps/delete-app-form";
import { Alert } from "@/components/ui/alert";
import { requireAppPage } from "@/lib/auth/session";
import { can } from "@/lib/domain/roles";
import { deleteAppAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("appSettings.delete"))("metaTitle") };
}

export default async function DeleteAppPage({ params }: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  const { app, role, teamName } = await requireAppPage(appKey);
  const t = await getTranslations("appSettings.delete");
  const tc = await getTranslations("common");
  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      {can.deleteApps(role) ? (
        <>
          <Alert tone="warning" title={t("warningTitle", { app: app.name })}>
            {t("warning")}
          </Alert>
          <DeleteAppForm appName={app.name} action={deleteAppAction.bind(null, app.appKey)} />
        </>
      ) : (
        <Alert tone="info" title={tc("readOnlyTitle")}>
          {t("readOnly", { team: teamName })}
        </Alert>
      )}
    </div>
  );
}
