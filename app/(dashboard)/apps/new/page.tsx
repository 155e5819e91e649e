import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewAppForm } from "@/components/apps/new-app-form";
import { Alert } from "@/components/ui/alert";
import { requireTeamContext } from "@/lib/auth/session";
import { can } from "@/lib/domain/roles";
import { createAppAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apps.new"))("metaTitle") };
}

export default async function NewAppPage() {
  const { current } = await requireTeamContext();
  const t = await getTranslations("apps.new");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-zinc-600">{t("belongsTo", { team: current.team.name })}</p>
      </div>
      {can.createApps(current.role) ? (
        <NewAppForm action={createAppAction.bind(null, current.team.id)} />
      ) : (
        <Alert tone="warning" title={t("readOnlyTitle")}>
          {t("readOnly", { team: current.team.name })}
        </Alert>
      )}
    </div>
  );
}
