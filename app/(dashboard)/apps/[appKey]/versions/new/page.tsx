import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { UploadVersionForm } from "@/components/versions/upload-version-form";
import { requireAppPage } from "@/lib/auth/session";
import { can } from "@/lib/domain/roles";
import { uploadVersionAction } from "../actions";

export const metadata: Metadata = { title: "Upload version" };

export default async function UploadVersionPage({ params }: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  const { app, role } = await requireAppPage(appKey);
  const listHref = `/apps/${app.appKey}/versions`;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h2 className="text-lg font-semibold">Upload version</h2>
        <p className="text-sm text-zinc-600">
          Record a new build of {app.name}. AppHooks keeps its details (not the binary) and notifies the
          webhooks subscribed to App update.
        </p>
      </div>
      {can.editVersions(role) ? (
        <UploadVersionForm action={uploadVersionAction.bind(null, app.appKey)} listHref={listHref} />
      ) : (
        <>
          <Alert tone="warning" title="Read-only access">
            Only admins and owners can upload versions.
          </Alert>
          <ButtonLink href={listHref} variant="secondary" className="self-start">
            Back to versions
          </ButtonLink>
        </>
      )}
    </div>
  );
}
