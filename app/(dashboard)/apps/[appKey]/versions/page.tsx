import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireAppPage } from "@/lib/auth/session";
import { listVersions } from "@/lib/db/queries/versions";

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export default async function VersionsPage({ params }: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  const { app } = await requireAppPage(appKey);
  const versions = await listVersions(app.id);
  if (versions.length === 0) {
    return (
      <EmptyState
        title="No versions yet"
        description="Versions of this app appear here once a build is uploaded."
      />
    );
  }
  return (
    <Table>
      <caption className="sr-only">Versions of {app.name}</caption>
      <THead>
        <TR>
          <TH>Version</TH>
          <TH>Build</TH>
          <TH>Size</TH>
          <TH>Uploaded</TH>
          <TH>Release notes</TH>
        </TR>
      </THead>
      <TBody>
        {versions.map((version) => (
          <TR key={version.id}>
            <TD className="font-medium">
              {version.version} {version.hidden ? <Badge>Hidden</Badge> : null}
            </TD>
            <TD>{version.build}</TD>
            <TD>{megabytes(version.sizeBytes)}</TD>
            <TD>{version.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC</TD>
            <TD className="max-w-md whitespace-pre-line text-zinc-700">{version.notes || "—"}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
