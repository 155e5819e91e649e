import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { RevokeApiKeyButton } from "@/components/api-keys/revoke-api-key-button";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { requireTeamContext } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/db/queries/api-keys";
import { can, ROLES, roleAtLeast } from "@/lib/domain/roles";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiKeys"))("metaTitle") };
}

export default async function ApiKeysPage() {
  const { current } = await requireTeamContext();
  const teamId = current.team.id;
  const manages = roleAtLeast(current.role, "admin");
  const keys = manages ? await listApiKeys(teamId) : [];
  const grantable = ROLES.filter((role) => can.grantRole(current.role, role)).reverse();
  const t = await getTranslations("apiKeys");
  const tc = await getTranslations("common");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-zinc-600">
          {t.rich("intro", {
            team: current.team.name,
            code: (chunks) => <code className="font-mono text-xs">{chunks}</code>,
            link: (chunks) => (
              <Link href="/api-reference" className="font-medium text-indigo-700 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      </div>
      {manages ? (
        <Card>
          <CardHeader title={t("createTitle")} description={t("createDescription")} />
          <div className="mt-4">
            <CreateApiKeyForm action={createApiKeyAction.bind(null, teamId)} grantable={grantable} />
          </div>
        </Card>
      ) : (
        <Alert tone="info" title={tc("readOnlyTitle")}>
          {t("readOnly")}
        </Alert>
      )}
      {!manages ? null : keys.length === 0 ? (
        <EmptyState title={t("emptyTitle")} description={t("empty")} />
      ) : (
        <Table>
          <caption className="sr-only">{t("caption", { team: current.team.name })}</caption>
          <THead>
            <TR>
              <TH>{t("name")}</TH>
              <TH>{t("key")}</TH>
              <TH>{t("access")}</TH>
              <TH>{t("created")}</TH>
              <TH>{t("lastUsed")}</TH>
              <TH>
                <span className="sr-only">{t("actions")}</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {keys.map((key) => (
              <TR key={key.id}>
                <TD className="font-medium">{key.name}</TD>
                <TD label={t("key")}>
                  <code className="font-mono text-xs">{key.prefix}…</code>
                </TD>
                <TD label={t("access")}>
                  <Badge tone={key.role === "member" ? "neutral" : "info"}>
                    {t(`accessLabels.${key.role}`)}
                  </Badge>
                </TD>
                <TD label={t("created")}>
                  <Time value={key.createdAt} />
                  {key.createdByName ? (
                    <div className="text-xs text-zinc-500">{t("by", { name: key.createdByName })}</div>
                  ) : null}
                </TD>
                <TD label={t("lastUsed")}>{key.lastUsedAt ? <Time value={key.lastUsedAt} /> : t("never")}</TD>
                <TD className="sm:text-right">
                  <RevokeApiKeyButton
                    name={key.name}
                    action={revokeApiKeyAction.bind(null, teamId, key.id)}
                  />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
