"use client";

import { type InfiniteData, useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Time, useFormatTime } from "@/components/ui/time";
import { DELIVERY_STATUSES } from "@/lib/domain/delivery-statuses";
import { EVENT_TYPES } from "@/lib/domain/event-catalog";
import { deliveryListQuery } from "@/lib/validation/delivery";
import type { DeliveryPageJson, DeliverySummaryJson } from "./delivery-json";
import { DeliveryStatusBadge } from "./delivery-status-badge";

/** How often the log is refreshed while something on screen is pending or being sent. */
export const POLL_MS = 2000;

export const LOG_QUERY_KEY = "delivery-log";

/** The log's filters; `since`/`until` as ISO instants (converted from the viewer's local date-time fields). */
type Filters = { status: string; event: string; search: string; since: string; until: string };

const NO_FILTERS: Filters = { status: "", event: "", search: "", since: "", until: "" };

/** A `datetime-local` field's value (the viewer's zone) as an ISO instant; "" when empty or incomplete. */
function localToIso(value: string): string {
  const time = value ? new Date(value).getTime() : Number.NaN;
  return Number.isNaN(time) ? "" : new Date(time).toISOString();
}

/** Why a page of the log did not load, as a text of `deliveries.log` (with the HTTP status). */
class LogError extends Error {
  constructor(
    readonly reason: "offline" | "sessionEnded" | "loadFailed",
    readonly status = 0,
  ) {
    super(reason);
  }
}

/** One page of the log from the JSON route; a clear reason for the states a user can meet. */
async function fetchPage(logUrl: string, filters: Filters, cursor: string | null): Promise<DeliveryPageJson> {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.event) params.set("event", filters.event);
  if (filters.search) params.set("search", filters.search);
  if (filters.since) params.set("since", filters.since);
  if (filters.until) params.set("until", filters.until);
  if (cursor) params.set("cursor", cursor);
  let response: Response;
  try {
    response = await fetch(`${logUrl}?${params}`, { headers: { Accept: "application/json" } });
  } catch {
    throw new LogError("offline");
  }
  const json = response.headers.get("content-type")?.includes("application/json")
    ? await response.json()
    : null;
  if (!response.ok || !json) {
    if (!json || response.status === 401) throw new LogError("sessionEnded");
    throw new LogError("loadFailed", response.status);
  }
  return json as DeliveryPageJson;
}

const isLive = (row: DeliverySummaryJson) => row.status === "pending" || row.status === "sending";

type Props = { logUrl: string; detailBase: string; initial: DeliveryPageJson };

/**
 * "Recent deliveries": newest first, filtered by status and event type, older pages with "Load more" (keyset
 * cursors). Refreshed every 2 s while a delivery on screen is pending or being sent; then it stops.
 */
export function DeliveryLog({ logUrl, detailBase, initial }: Props) {
  const id = useId();
  const t = useTranslations();
  const formatTime = useFormatTime();
  const problem = (error: Error) =>
    error instanceof LogError
      ? t(`deliveries.log.${error.reason}`, { status: error.status })
      : t("errors.serverError");
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [search, setSearch] = useState("");
  const [searchError, setSearchError] = useState<string | undefined>();
  const unfiltered = Object.values(filters).every((value) => !value);
  const rangeError =
    filters.since && filters.until && filters.since > filters.until
      ? t("errors.delivery.untilBeforeSince")
      : undefined;

  function applySearch(event: FormEvent) {
    event.preventDefault();
    const checked = deliveryListQuery.shape.search.safeParse(search);
    if (!checked.success) {
      setSearchError(t("errors.delivery.searchInvalid"));
      return;
    }
    setSearchError(undefined);
    setFilters({ ...filters, search: checked.data ?? "" });
  }
  const query = useInfiniteQuery<
    DeliveryPageJson,
    Error,
    InfiniteData<DeliveryPageJson, string | null>,
    [string, string, Filters],
    string | null
  >({
    queryKey: [LOG_QUERY_KEY, logUrl, filters],
    queryFn: ({ pageParam }) => fetchPage(logUrl, filters, pageParam),
    enabled: !rangeError,
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: unfiltered ? { pages: [initial], pageParams: [null] } : undefined,
    // The server's page is fresh: no refetch at once (the polling below takes over when needed).
    staleTime: 1000,
    refetchInterval: (q) =>
      q.state.data?.pages.some((page) => page.deliveries.some(isLive)) ? POLL_MS : false,
  });
  const rows = query.data?.pages.flatMap((page) => page.deliveries) ?? [];
  const live = rows.some(isLive);

  const filterBar = (
    <div className="flex flex-wrap items-end gap-4">
      <SelectField
        label={t("deliveries.log.status")}
        id={`${id}-status`}
        value={filters.status}
        onChange={(e) => setFilters({ ...filters, status: e.target.value })}
        fieldClassName="w-full sm:w-48"
      >
        <option value="">{t("deliveries.log.allStatuses")}</option>
        {DELIVERY_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`deliveryStatus.${status}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("deliveries.log.event")}
        id={`${id}-event`}
        value={filters.event}
        onChange={(e) => setFilters({ ...filters, event: e.target.value })}
        fieldClassName="w-full sm:w-56"
      >
        <option value="">{t("deliveries.log.allEvents")}</option>
        {EVENT_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`events.${type}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("deliveries.log.since")}
        id={`${id}-since`}
        type="datetime-local"
        step={1}
        onChange={(e) => setFilters({ ...filters, since: localToIso(e.target.value) })}
        fieldClassName="w-full sm:w-56"
      />
      <TextField
        label={t("deliveries.log.until")}
        id={`${id}-until`}
        type="datetime-local"
        step={1}
        error={rangeError}
        onChange={(e) => setFilters({ ...filters, until: localToIso(e.target.value) })}
        fieldClassName="w-full sm:w-56"
      />
      <form onSubmit={applySearch} className="flex w-full items-end gap-2 sm:w-auto" noValidate>
        <TextField
          label={t("deliveries.log.search")}
          id={`${id}-search`}
          type="search"
          placeholder="evt_…"
          value={search}
          error={searchError}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setSearch(e.target.value)}
          fieldClassName="w-full sm:w-72"
        />
        <Button type="submit" variant="secondary" className="mb-0.5">
          {t("deliveries.log.searchButton")}
        </Button>
      </form>
      <p className="pb-2 text-xs text-zinc-500" aria-live="polite">
        {query.isFetching && !query.isFetchingNextPage ? (
          <Spinner label={t("deliveries.log.refreshing")} />
        ) : live ? (
          t("deliveries.log.live")
        ) : null}
      </p>
    </div>
  );

  let body: ReactNode;
  if (query.isPending) {
    body = (
      <p className="flex items-center gap-2 text-sm text-zinc-600">
        <Spinner label="" /> {t("deliveries.log.loading")}
      </p>
    );
  } else if (query.isError && rows.length === 0) {
    body = (
      <Alert tone="danger" title={t("deliveries.log.loadFailedTitle")}>
        {problem(query.error)}
        <div className="mt-2">
          <Button size="sm" variant="secondary" onClick={() => query.refetch()}>
            {t("common.tryAgain")}
          </Button>
        </div>
      </Alert>
    );
  } else if (rows.length === 0) {
    body = (
      <EmptyState
        as="h3"
        title={unfiltered ? t("deliveries.log.emptyTitle") : t("deliveries.log.emptyFilteredTitle")}
        description={unfiltered ? t("deliveries.log.empty") : t("deliveries.log.emptyFiltered")}
      />
    );
  } else {
    body = (
      <>
        {query.isError ? (
          <Alert tone="warning" title={t("deliveries.log.refreshFailedTitle")}>
            {problem(query.error)}
          </Alert>
        ) : null}
        <Table>
          <caption className="sr-only">{t("deliveries.log.caption")}</caption>
          <THead>
            <tr>
              <TH>{t("deliveries.log.time")}</TH>
              <TH>{t("deliveries.log.event")}</TH>
              <TH>{t("deliveries.log.status")}</TH>
              <TH>{t("deliveries.log.httpCode")}</TH>
              <TH>{t("deliveries.log.duration")}</TH>
              <TH>{t("deliveries.log.attempts")}</TH>
              <TH>{t("deliveries.log.nextRetry")}</TH>
              <TH>
                <span className="sr-only">{t("deliveries.log.details")}</span>
              </TH>
            </tr>
          </THead>
          <TBody>
            {rows.map((row) => (
              <TR key={row.id}>
                <TD label={t("deliveries.log.time")}>
                  <Time value={row.createdAt} />
                </TD>
                <TD label={t("deliveries.log.event")}>
                  <span className="flex items-center gap-2 whitespace-nowrap">
                    {t(`events.${row.eventType}`)}
                    {row.test ? <Badge tone="warning">{t("deliveries.log.test")}</Badge> : null}
                  </span>
                </TD>
                <TD label={t("deliveries.log.status")}>
                  <DeliveryStatusBadge status={row.status} attempts={row.attempts} />
                  {row.carriedBy ? (
                    <Link
                      href={`${detailBase}/${row.carriedBy}`}
                      className="mt-1 block text-xs font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
                    >
                      {t("deliveries.log.inDigest")}
                      <span className="sr-only">{t("deliveries.log.inDigestHint")}</span>
                    </Link>
                  ) : null}
                  {row.carries ? (
                    <span className="mt-1 block text-xs text-zinc-600">
                      {t("deliveries.log.carries", { count: row.carries })}
                    </span>
                  ) : null}
                  {row.lastError ? (
                    <span
                      className="mt-1 block truncate text-xs text-zinc-500 sm:max-w-xs"
                      title={row.lastError}
                    >
                      {row.lastError}
                    </span>
                  ) : null}
                </TD>
                <TD label={t("deliveries.log.httpCode")}>{row.lastStatusCode ?? "—"}</TD>
                <TD label={t("deliveries.log.duration")} className="whitespace-nowrap">
                  {row.lastDurationMs === null ? "—" : `${row.lastDurationMs} ms`}
                </TD>
                <TD label={t("deliveries.log.attempts")}>{row.attempts}</TD>
                <TD label={t("deliveries.log.nextRetry")}>
                  {row.nextAttemptAt ? <Time value={row.nextAttemptAt} /> : "—"}
                </TD>
                <TD>
                  <Link
                    href={`${detailBase}/${row.id}`}
                    className="inline-flex min-h-10 min-w-10 items-center font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600 sm:min-h-0"
                  >
                    {t("deliveries.log.view")}
                    <span className="sr-only">
                      {" "}
                      {t("deliveries.log.viewLabel", {
                        event: t(`events.${row.eventType}`),
                        time: formatTime(row.createdAt),
                      })}
                    </span>
                  </Link>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
        {query.hasNextPage ? (
          <Button
            variant="secondary"
            className="self-start"
            onClick={() => query.fetchNextPage()}
            pending={query.isFetchingNextPage}
          >
            {t("deliveries.log.loadMore")}
          </Button>
        ) : null}
      </>
    );
  }

  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-4">
      <h3 id={`${id}-title`} className="text-base font-semibold">
        {t("deliveries.log.title")}
      </h3>
      {filterBar}
      {body}
    </section>
  );
}
