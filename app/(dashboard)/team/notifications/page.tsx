import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AlertSettingsForm } from "@/components/notifications/alert-settings-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { requireTeamContext } from "@/lib/auth/session";
import { FAILING_WARNING_AFTER } from "@/lib/domain/alerts";
import { emailPreviewMode, getAlertSettings } from "@/lib/teams/alert-settings";
import { saveAlertSettings } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notificationSettings"))("metaTitle") };
}

/** Team → Notifications: who is told when a webhook fails, is turned off or recovers (docs/alerts.md#settings). */
export default async function NotificationSettingsPage() {
  const { user, current } = await requireTeamContext();
  const { team } = current;
  const t = await getTranslations("notificationSettings");
  const tc = await getTranslations("common");
  const types = await getTranslations("webhookTypes");
  const { settings, robots, canEdit } = await getAlertSettings(user.id, team.id);
  const choices = robots.map((robot) => ({
    id: robot.id,
    label: t(robot.enabled ? "robotOption" : "robotOptionOff", {
      app: robot.appName,
      name: robot.name,
      type: types(robot.type),
    }),
  }));
  const chosen = choices.find((choice) => choice.id === settings.robotWebhookId);
  const preview = emailPreviewMode();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-zinc-600">{t("intro", { team: team.name })}</p>
      </div>
      <Card>
        <CardHeader title={t("howTitle")} description={t("when", { count: FAILING_WARNING_AFTER })} />
        <div className="mt-4">
          {canEdit ? (
            <AlertSettingsForm
              action={saveAlertSettings.bind(null, team.id)}
              current={settings}
              robots={choices}
            />
          ) : (
            <div className="flex flex-col gap-4">
              <Alert tone="info" title={tc("readOnlyTitle")}>
                {t("readOnly")}
              </Alert>
              <dl className="flex flex-col gap-3">
                <div>
                  <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">
                    {t("emailLabel")}
                  </dt>
                  <dd className="mt-1 text-sm text-zinc-900">
                    {settings.email ? t("emailOn") : t("emailOff")}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">
                    {t("robotLabel")}
                  </dt>
                  <dd className="mt-1 text-sm text-zinc-900">{chosen?.label ?? t("robotNone")}</dd>
                </div>
              </dl>
            </div>
          )}
        </div>
      </Card>
      {preview && canEdit ? (
        <Alert tone="info">
          {t("previewNote")}{" "}
          <Link href="/team/notifications/preview" className="font-medium text-indigo-700 underline">
            {t("previewLink")}
          </Link>
        </Alert>
      ) : null}
    </div>
  );
}
