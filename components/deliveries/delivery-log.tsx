"use client";

import { type InfiniteData, useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { type ReactNode, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { DELIVERY_STATUSES } from "@/lib/domain/delivery-statuses";
import { EVENT_LABELS, EVENT_TYPES } from "@/lib/domain/event-catalog";
import { formatUtc } from "@/lib/format";
import type { DeliveryPageJson, DeliverySummaryJson } from "./delivery-json";
import { DeliveryStatusBadge, STATUS_LABELS } from "./delivery-status-badge";

/** How often the log is refreshed while something on screen is pending or being sent. */
export const POLL_MS = 2000;

export const LOG_QUERY_KEY = "delivery-log";

type Filters = { status: string; event: string };

class LogError extends Error {}

/** One page of the log from the JSON route; a clear message for the states a user can meet. */
async function fetchPage(logUrl: string, filters: Filters, cursor: string | null): Promise<DeliveryPageJson> {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.event) params.set("event", filters.event);
  if (cursor) params.set("cursor", cursor);
  let response: Response;
  try {
    response = await fetch(`${logUrl}?${params}`, { headers: { Accept: "application/json" } });
  } catch {
    throw new LogError("Could not reach the server. Check your connection; the log retries on its own.");
  }
  const json = response.headers.get("content-type")?.includes("application/json")
    ? await response.json()
    : null;
  if (!response.ok || !json) {
    if (!json || response.status === 401)
      throw new LogError("Your session has ended. Sign in again to see the log.");
    throw new LogError(json?.error?.message ?? `The log could not be loaded (HTTP ${response.status}).`);
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
  const [filters, setFilters] = useState<Filters>({ status: "", event: "" });
  const unfiltered = !filters.status && !filters.event;
  const query = useInfiniteQuery<
    DeliveryPageJson,
    Error,
    InfiniteData<DeliveryPageJson, string | null>,
    [string, string, Filters],
    string | null
  >({
    queryKey: [LOG_QUERY_KEY, logUrl, filters],
    queryFn: ({ pageParam }) => fetchPage(logUrl, filters, pageParam),
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
        label="Status"
        id={`${id}-status`}
        value={filters.status}
        onChange={(e) => setFilters({ ...filters, status: e.target.value })}
        fieldClassName="w-full sm:w-48"
      >
        <option value="">All statuses</option>
        {DELIVERY_STATUSES.map((status) => (
          <option key={status} value={status}>
            {STATUS_LABELS[status]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Event"
        id={`${id}-event`}
        value={filters.event}
        onChange={(e) => setFilters({ ...filters, event: e.target.value })}
        fieldClassName="w-full sm:w-56"
      >
        <option value="">All events</option>
        {EVENT_TYPES.map((type) => (
          <option key={type} value={type}>
            {EVENT_LABELS[type].en}
          </option>
        ))}
      </SelectField>
      <p className="pb-2 text-xs text-zinc-500" aria-live="polite">
        {query.isFetching && !query.isFetchingNextPage ? (
          <Spinner label="Refreshing" />
        ) : live ? (
          "Updating live while deliveries are pending."
        ) : null}
      </p>
    </div>
  );

  let body: ReactNode;
  if (query.isPending) {
    body = (
      <p className="flex items-center gap-2 text-sm text-zinc-600">
        <Spinner label="" /> Loading deliveries…
      </p>
    );
  } else if (query.isError && rows.length === 0) {
    body = (
      <Alert tone="danger" title="The deliveries could not be loaded">
        {query.error.message}
        <div className="mt-2">
          <Button size="sm" variant="secondary" onClick={() => query.refetch()}>
            Try again
          </Button>
        </div>
      </Alert>
    );
  } else if (rows.length === 0) {
    body = (
      <EmptyState
        as="h3"
        title={unfiltered ? "No deliveries yet" : "No deliveries match these filters"}
        description={
          unfiltered
            ? "Deliveries appear here when an event this webhook subscribes to happens, or when you send a test."
            : "Choose other filters, or All."
        }
      />
    );
  } else {
    body = (
      <>
        {query.isError ? (
          <Alert tone="warning" title="The log could not be refreshed">
            {query.error.message}
          </Alert>
        ) : null}
        <Table>
          <caption className="sr-only">Recent deliveries, newest first</caption>
          <THead>
            <tr>
              <TH>Time</TH>
              <TH>Event</TH>
              <TH>Status</TH>
              <TH>HTTP code</TH>
              <TH>Duration</TH>
              <TH>Attempts</TH>
              <TH>Next retry</TH>
              <TH>
                <span className="sr-only">Details</span>
              </TH>
            </tr>
          </THead>
          <TBody>
            {rows.map((row) => (
              <TR key={row.id}>
                <TD label="Time" className="whitespace-nowrap">
                  {formatUtc(new Date(row.createdAt))}
                </TD>
                <TD label="Event">
                  <span className="flex items-center gap-2 whitespace-nowrap">
                    {EVENT_LABELS[row.eventType].en}
                    {row.test ? <Badge tone="warning">Test</Badge> : null}
                  </span>
                </TD>
                <TD label="Status">
                  <DeliveryStatusBadge status={row.status} />
                  {row.carriedBy ? (
                    <Link
                      href={`${detailBase}/${row.carriedBy}`}
                      className="mt-1 block text-xs font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
                    >
                      In digest
                      <span className="sr-only"> (open the message that carried this event)</span>
                    </Link>
                  ) : null}
                  {row.carries ? (
                    <span className="mt-1 block text-xs text-zinc-600">Digest of {row.carries} events</span>
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
                <TD label="HTTP code">{row.lastStatusCode ?? "—"}</TD>
                <TD label="Duration" className="whitespace-nowrap">
                  {row.lastDurationMs === null ? "—" : `${row.lastDurationMs} ms`}
                </TD>
                <TD label="Attempts">{row.attempts}</TD>
                <TD label="Next retry" className="whitespace-nowrap">
                  {row.nextAttemptAt ? formatUtc(new Date(row.nextAttemptAt)) : "—"}
                </TD>
                <TD>
                  <Link
                    href={`${detailBase}/${row.id}`}
                    className="inline-flex min-h-10 min-w-10 items-center font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600 sm:min-h-0"
                  >
                    View
                    <span className="sr-only">
                      {" "}
                      {EVENT_LABELS[row.eventType].en} delivery of {formatUtc(new Date(row.createdAt))}
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
            Load more
          </Button>
        ) : null}
      </>
    );
  }

  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-4">
      <h3 id={`${id}-title`} className="text-base font-semibold">
        Recent deliveries
      </h3>
      {filterBar}
      {body}
    </section>
  );
}
