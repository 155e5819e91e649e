import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PayloadTimeZoneForm } from "@/components/teams/payload-time-zone-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { requireTeamContext } from "@/lib/auth/session";
import { can } from "@/lib/domain/roles";
import { payloadTimeZones } from "@/lib/domain/time-zones";
import { savePayloadTimeZone } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("teamSettings"))("metaTitle") };
}

export default async function TeamSettingsPage() {
  const { current } = await requireTeamContext();
  const { team } = current;
  const t = await getTranslations("teamSettings");
  const tc = await getTranslations("common");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-zinc-600">{t("intro", { team: team.name })}</p>
      </div>
      <Card>
        <CardHeader title={t("timeZoneTitle")} description={t("timeZoneDescription")} />
        <div className="mt-4">
          {can.editTeamSettings(current.role) ? (
            <PayloadTimeZoneForm
              action={savePayloadTimeZone.bind(null, team.id)}
              current={team.payloadTimeZone}
              zones={payloadTimeZones()}
            />
          ) : (
            <div className="flex flex-col gap-4">
              <Alert tone="info" title={tc("readOnlyTitle")}>
                {t("readOnly")}
              </Alert>
              <dl>
                <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">
                  {t("timeZoneTitle")}
                </dt>
                <dd className="mt-1 text-sm text-zinc-900">{team.payloadTimeZone}</dd>
              </dl>
            </div>
          )}
        </div>
      </Card>
    </div>
  );
}
