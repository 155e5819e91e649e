import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuditFilters, type AuditFilterValues } from "@/components/audit/audit-filters";
import { AuditLogTable } from "@/components/audit/audit-log-table";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { type AuditPage, auditFilterOptions, listAudit } from "@/lib/audit/list-audit";
import { requireTeamContext } from "@/lib/auth/session";
import { roleAtLeast } from "@/lib/domain/roles";
import { AppError, mapTexts } from "@/lib/errors";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const FILTERS = ["actor", "app", "kind", "since", "until"] as const;

/** Team → Audit log (owners and admins): the team's changes, newest first, filtered and paged by the URL. */
export default async function AuditLogPage({ searchParams }: { searchParams: SearchParams }) {
  const { user, current } = await requireTeamContext();
  const t = await getTranslations("audit");
  const te = await getTranslations("errors");
  const header = (
    <div>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-zinc-600">{t("intro", { team: current.team.name })}</p>
    </div>
  );
  if (!roleAtLeast(current.role, "admin")) {
    return (
      <div className="flex flex-col gap-6">
        {header}
        <Alert tone="info">{t("forbidden")}</Alert>
      </div>
    );
  }

  const params = await searchParams;
  const one = (key: string) => {
    const value = params[key];
    return typeof value === "string" ? value : "";
  };
  const values = Object.fromEntries(FILTERS.map((key) => [key, one(key)])) as AuditFilterValues;
  const cursor = one("cursor");
  const options = await auditFilterOptions(user.id, current.team.id);
  let page: AuditPage = { entries: [], nextCursor: null };
  let problems: string[] = [];
  try {
    page = await listAudit(user.id, current.team.id, { ...values, cursor });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "invalid") throw error;
    const say = (text: AppError["text"]) => te(text.key, text.values);
    problems = Object.values(error.fieldTexts ? mapTexts(error.fieldTexts, say) : { _: say(error.text) });
  }
  const filtered = FILTERS.some((key) => values[key]);
  const link = (next: string | null) => {
    const query = new URLSearchParams(Object.entries(values).filter(([, value]) => value));
    if (next) query.set("cursor", next);
    const text = query.toString();
    return text ? `/team/audit?${text}` : "/team/audit";
  };

  return (
    <div className="flex flex-col gap-6">
      {header}
      <AuditFilters
        // A new set of filters in the URL (Filter, Clear filters, Back) starts the form from it.
        key={JSON.stringify(values)}
        values={values}
        actors={options.actors.map((actor) => ({
          value: `${actor.type}:${actor.id}`,
          label: actor.type === "api_key" ? `${actor.name} (${t("apiKey")})` : actor.name,
        }))}
        apps={options.apps.map((app) => ({ value: app.id, label: app.name }))}
      />
      {problems.length > 0 ? (
        <Alert tone="danger" title={t("invalidTitle")}>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </Alert>
      ) : page.entries.length === 0 ? (
        <EmptyState title={t("emptyTitle")} description={filtered || cursor ? t("empty") : t("emptyAll")} />
      ) : (
        <AuditLogTable entries={page.entries} team={current.team.name} />
      )}
      {cursor || page.nextCursor ? (
        <nav aria-label={t("pagination")} className="flex gap-2">
          {cursor ? (
            <ButtonLink href={link(null)} variant="secondary">
              {t("newer")}
            </ButtonLink>
          ) : null}
          {page.nextCursor ? (
            <ButtonLink href={link(page.nextCursor)} variant="secondary">
              {t("older")}
            </ButtonLink>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
