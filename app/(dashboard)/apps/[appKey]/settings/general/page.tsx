import type { Metadata } from "next";
import { AppSettingsForm } from "@/components/apps/app-settings-form";
import { Alert } from "@/components/ui/alert";
import { requireAppPage } from "@/lib/auth/session";
import { can } from "@/lib/domain/roles";
import { saveAppSettings } from "./actions";

export const metadata: Metadata = { title: "General settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  const { app, role } = await requireAppPage(appKey);
  const hasInstallPassword = app.installPasswordEncrypted !== null;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h2 className="text-lg font-semibold">General</h2>
        <p className="text-sm text-zinc-600">
          The app's name, description, icon and install password. Each change is sent to the webhooks
          subscribed to App settings.
        </p>
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
          <Alert tone="info" title="Read-only access">
            Only admins and owners can change these settings.
          </Alert>
          <dl className="grid max-w-2xl gap-4">
            {[
              ["App name", app.name],
              ["Description", app.description || "—"],
              ["Icon URL", app.iconUrl ?? "—"],
              ["Install password", hasInstallPassword ? "Set" : "Not set"],
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
