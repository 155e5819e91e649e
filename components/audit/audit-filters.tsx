"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useId, useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { AUDIT_KINDS } from "@/lib/domain/audit";

/** The filters as the URL carries them; `since`/`until` as ISO instants. */
export type AuditFilterValues = { actor: string; app: string; kind: string; since: string; until: string };

type Props = {
  values: AuditFilterValues;
  actors: { value: string; label: string }[];
  apps: { value: string; label: string }[];
};

/** A `datetime-local` field's value (the viewer's zone) as an ISO instant; "" when empty or incomplete. */
function localToIso(value: string): string {
  const time = value ? new Date(value).getTime() : Number.NaN;
  return Number.isNaN(time) ? "" : new Date(time).toISOString();
}

/** An ISO instant as a `datetime-local` value in the viewer's zone. */
function isoToLocal(value: string): string {
  const time = value ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) return "";
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The audit log's filters: choosing and pressing Filter loads the first page with them (in the URL). */
export function AuditFilters({ values, actors, apps }: Props) {
  const t = useTranslations("audit");
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const [filters, setFilters] = useState(values);
  const filtered = Object.values(values).some(Boolean);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    const query = params.toString();
    router.push(query ? `${pathname}?${query}` : pathname);
  }

  return (
    <form onSubmit={apply} aria-label={t("filters")} className="flex flex-wrap items-end gap-4" noValidate>
      <SelectField
        label={t("actor")}
        id={`${id}-actor`}
        value={filters.actor}
        onChange={(e) => setFilters({ ...filters, actor: e.target.value })}
        fieldClassName="w-full sm:w-52"
      >
        <option value="">{t("allActors")}</option>
        {actors.map((actor) => (
          <option key={actor.value} value={actor.value}>
            {actor.label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("app")}
        id={`${id}-app`}
        value={filters.app}
        onChange={(e) => setFilters({ ...filters, app: e.target.value })}
        fieldClassName="w-full sm:w-48"
      >
        <option value="">{t("allApps")}</option>
        {apps.map((app) => (
          <option key={app.value} value={app.value}>
            {app.label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("kind")}
        id={`${id}-kind`}
        value={filters.kind}
        onChange={(e) => setFilters({ ...filters, kind: e.target.value })}
        fieldClassName="w-full sm:w-56"
      >
        <option value="">{t("allKinds")}</option>
        {AUDIT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`kinds.${kind}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("since")}
        id={`${id}-since`}
        type="datetime-local"
        step={1}
        defaultValue={isoToLocal(values.since)}
        onChange={(e) => setFilters({ ...filters, since: localToIso(e.target.value) })}
        fieldClassName="w-full sm:w-56"
      />
      <TextField
        label={t("until")}
        id={`${id}-until`}
        type="datetime-local"
        step={1}
        defaultValue={isoToLocal(values.until)}
        onChange={(e) => setFilters({ ...filters, until: localToIso(e.target.value) })}
        fieldClassName="w-full sm:w-56"
      />
      <div className="flex gap-2 pb-0.5">
        <Button type="submit" variant="secondary">
          {t("apply")}
        </Button>
        {filtered ? (
          <ButtonLink href={pathname} variant="ghost">
            {t("clear")}
          </ButtonLink>
        ) : null}
      </div>
    </form>
  );
}
