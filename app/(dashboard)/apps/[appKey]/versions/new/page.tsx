import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { UploadVersionForm } from "@/components/versions/upload-version-form";
import { requireAppPage } from "@/lib/auth/session";
import { can } from "@/lib/domain/roles";
import { uploadVersionAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("versions.new"))("metaTitle") };
}

export default async function UploadVersionPage({ params }: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  const { app, role } = await requireAppPage(appKey);
  const listHref = `/apps/${app.appKey}/versions`;
  const t = await getTranslations("versions.new");
  const tc = await getTranslations("common");
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        <p className="text-sm text-zinc-600">{t("intro", { app: app.name })}</p>
      </div>
      {can.editVersions(role) ? (
        <UploadVersionForm action={uploadVersionAction.bind(null, app.appKey)} listHref={listHref} />
      ) : (
        <>
          <Alert tone="warning" title={tc("readOnlyTitle")}>
            {t("readOnly")}
          </Alert>
          <ButtonLink href={listHref} variant="secondary" className="self-start">
            {t("back")}
          </ButtonLink>
        </>
      )}
    </div>
  );
}
