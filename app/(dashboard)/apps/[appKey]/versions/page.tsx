import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { VersionActions } from "@/components/versions/version-actions";
import { requireAppPage } from "@/lib/auth/session";
import { listVersions } from "@/lib/db/queries/versions";
import { can } from "@/lib/domain/roles";
import { formatSize } from "@/lib/format";
import { deleteVersionAction, editVersionAction, setVersionHiddenAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("versions"))("metaTitle") };
}

export default async function VersionsPage({ params }: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  const { app, role } = await requireAppPage(appKey);
  const versions = await listVersions(app.id);
  const editable = can.editVersions(role);
  const t = await getTranslations("versions");
  const tc = await getTranslations("common");
  const upload = editable ? (
    <ButtonLink href={`/apps/${app.appKey}/versions/new`}>{t("upload")}</ButtonLink>
  ) : null;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        {versions.length > 0 ? upload : null}
      </div>
      {!editable ? (
        <Alert tone="info" title={tc("readOnlyTitle")}>
          {t("readOnly")}
        </Alert>
      ) : null}
      {versions.length === 0 ? (
        <EmptyState
          title={t("emptyTitle")}
          description={editable ? t("emptyEditable") : t("emptyReadOnly")}
          action={upload ?? undefined}
        />
      ) : (
        <Table>
          <caption className="sr-only">{t("caption", { app: app.name })}</caption>
          <THead>
            <TR>
              <TH>{t("version")}</TH>
              <TH>{t("build")}</TH>
              <TH>{t("size")}</TH>
              <TH>{t("uploaded")}</TH>
              <TH>{t("notes")}</TH>
              {editable ? (
                <TH>
                  <span className="sr-only">{t("actionsColumn")}</span>
                </TH>
              ) : null}
            </TR>
          </THead>
          <TBody>
            {versions.map((version) => (
              <TR key={version.id} className={version.hidden ? "text-zinc-500" : undefined}>
                <TD className="font-medium">
                  {version.version} {version.hidden ? <Badge>{t("hidden")}</Badge> : null}
                </TD>
                <TD label={t("build")}>{version.build}</TD>
                <TD label={t("size")}>
                  <span title={tc("bytes", { count: version.sizeBytes })}>
                    {formatSize(version.sizeBytes, (count) => tc("bytes", { count }))}
                  </span>
                </TD>
                <TD label={t("uploaded")} className="whitespace-nowrap">
                  <Time value={version.createdAt} />
                </TD>
                <TD label={t("notes")} className="max-w-md whitespace-pre-line text-zinc-700">
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
