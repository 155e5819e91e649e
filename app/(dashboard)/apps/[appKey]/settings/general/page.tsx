import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AppSettingsForm } from "@/components/apps/app-settings-form";
import { Alert } from "@/components/ui/alert";
import { requireAppPage } from "@/lib/auth/session";
import { can } from "@/lib/domain/roles";
import { saveAppSettings } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("appSettings.general"))("metaTitle") };
}

export default async function GeneralSettingsPage({ params }: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  const { app, role } = await requireAppPage(appKey);
  const hasInstallPassword = app.installPasswordEncrypted !== null;
  const t = await getTranslations("appSettings.general");
  const tc = await getTranslations("common");
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        <p className="text-sm text-zinc-600">{t("intro")}</p>
      </div>
      {can.editAppSettings(role) ? (
        <AppSettingsForm
          action={saveAppSettings.bind(null, app.appKey)}
          defaults={{
            name: app.name,
            description: app.description,
            iconUrl: app.iconUrl ?? "",
            hasInstallPassword,
          }}
        />
      ) : (
        <>
          <Alert tone="info" title={tc("readOnlyTitle")}>
            {t("readOnly")}
          </Alert>
          <dl className="grid max-w-2xl gap-4">
            {[
              [t("name"), app.name],
              [t("description"), app.description || "—"],
              [t("iconUrl"), app.iconUrl ?? "—"],
              [t("installPassword"), hasInstallPassword ? t("set") : t("notSet")],
            ].map(([label, value]) => (
              <div key={label}>
                <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">{label}</dt>
                <dd className="mt-1 text-sm break-words whitespace-pre-line text-zinc-900">{value}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </div>
  );
}
