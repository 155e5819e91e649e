import type { Metadata } from "next";
import { DeleteAppForm } from "@/components/apps/delete-app-form";
import { Alert } from "@/components/ui/alert";
import { requireAppPage } from "@/lib/auth/session";
import { can } from "@/lib/domain/roles";
import { deleteAppAction } from "./actions";

export const metadata: Metadata = { title: "Delete app" };

export default async function DeleteAppPage({ params }: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  const { app, role, teamName } = await requireAppPage(appKey);
  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-lg font-semibold">Delete</h2>
      {can.deleteApps(role) ? (
        <>
          <Alert tone="warning" title={`Deleting ${app.name} cannot be undone`}>
            Its versions, webhooks, feedback and crash reports are deleted with it. Webhooks subscribed to App
            deletion still receive that event.
          </Alert>
          <DeleteAppForm appName={app.name} action={deleteAppAction.bind(null, app.appKey)} />
        </>
      ) : (
        <Alert tone="info" title="Read-only access">
          Only owners of {teamName} can delete this app.
        </Alert>
      )}
    </div>
  );
}
