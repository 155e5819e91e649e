import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { VersionActions } from "@/components/versions/version-actions";
import { requireAppPage } from "@/lib/auth/session";
import { listVersions } from "@/lib/db/queries/versions";
import { can } from "@/lib/domain/roles";
import { formatSize, formatUtc } from "@/lib/format";
import { deleteVersionAction, editVersionAction, setVersionHiddenAction } from "./actions";

export const metadata: Metadata = { title: "Versions" };

export default async function VersionsPage({ params }: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  const { app, role } = await requireAppPage(appKey);
  const versions = await listVersions(app.id);
  const editable = can.editVersions(role);
  const upload = editable ? (
    <ButtonLink href={`/apps/${app.appKey}/versions/new`}>Upload version</ButtonLink>
  ) : null;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h2 className="text-lg font-semibold">Versions</h2>
        {versions.length > 0 ? upload : null}
      </div>
      {!editable ? (
        <Alert tone="info" title="Read-only access">
          Members can see versions but not upload or change them. Ask an admin or owner.
        </Alert>
      ) : null}
      {versions.length === 0 ? (
        <EmptyState
          title="No versions yet"
          description={
            editable
              ? "Upload a version's details here, or send them through the events API: webhooks subscribed to App update are notified."
              : "Versions of this app appear here once a build is uploaded."
          }
          action={upload ?? undefined}
        />
      ) : (
        <Table>
          <caption className="sr-only">Versions of {app.name}</caption>
          <THead>
            <TR>
              <TH>Version</TH>
              <TH>Build</TH>
              <TH>Size</TH>
              <TH>Uploaded</TH>
              <TH>Release notes</TH>
              {editable ? (
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              ) : null}
            </TR>
          </THead>
          <TBody>
            {versions.map((version) => (
              <TR key={version.id} className={version.hidden ? "text-zinc-500" : undefined}>
                <TD className="font-medium">
                  {version.version} {version.hidden ? <Badge>Hidden</Badge> : null}
                </TD>
                <TD label="Build">{version.build}</TD>
                <TD label="Size">
                  <span title={`${version.sizeBytes.toLocaleString("en")} bytes`}>
                    {formatSize(version.sizeBytes)}
                  </span>
                </TD>
                <TD label="Uploaded" className="whitespace-nowrap">
                  {formatUtc(version.createdAt)}
                </TD>
                <TD label="Release notes" className="max-w-md whitespace-pre-line text-zinc-700">
                  {version.notes || "—"}
                </TD>
                {editable ? (
                  <TD className="sm:text-right">
                    <VersionActions
                      version={{
                        id: version.id,
                        version: version.version,
                        build: version.build,
                        notes: version.notes,
                        hidden: version.hidden,
                      }}
                      edit={editVersionAction.bind(null, app.appKey, version.id)}
                      setHidden={setVersionHiddenAction.bind(null, app.appKey, version.id)}
                      remove={deleteVersionAction.bind(null, app.appKey, version.id)}
                    />
                  </TD>
                ) : null}
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
