"use client";

import { useFormatter, useNow, useTimeZone, useTranslations } from "next-intl";
import { useId, useSyncExternalStore } from "react";
import { cn } from "./cn";

// How the dashboard shows a moment (docs/i18n.md#times): in the viewer's time zone, to the second, with how
// long ago it was, and the exact UTC instant on hover or focus. The only place that formats a time.

type Moment = Date | string | number;

const TICK_MS = 10_000;

/** The browser's own time zone, as BrowserSetup also reports it to the server in a cookie. */
function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/**
 * The viewer's time zone: while hydrating, the one the server rendered with (the cookie's, UTC on a first
 * visit), so the markup matches; then the browser's own, which differs only before the cookie is set.
 */
function useViewerTimeZone(): string {
  const rendered = useTimeZone() ?? "UTC";
  return useSyncExternalStore(noSubscription, browserTimeZone, () => rendered);
}

const noSubscription = () => () => {};

// One clock for every time on the page: ticks while any is shown.
let clockNow = Date.now();
const clockListeners = new Set<() => void>();
let clockTimer: ReturnType<typeof setInterval> | undefined;

function subscribeClock(listener: () => void): () => void {
  clockNow = Date.now();
  clockListeners.add(listener);
  clockTimer ??= setInterval(() => {
    clockNow = Date.now();
    for (const notify of clockListeners) notify();
  }, TICK_MS);
  return () => {
    clockListeners.delete(listener);
    if (clockListeners.size === 0) {
      clearInterval(clockTimer);
      clockTimer = undefined;
    }
  };
}

/** Now: the request's moment while hydrating (as the server said "3 min ago"), then the browser's clock. */
function useClock(): number {
  const rendered = useNow().getTime();
  return useSyncExternalStore(
    subscribeClock,
    () => clockNow,
    () => rendered,
  );
}

/** `2026-03-04 05:06:07 UTC`: the exact instant, as the tooltip shows it. */
export function utcInstant(value: Moment): string {
  return `${new Date(value).toISOString().replace("T", " ").slice(0, 19)} UTC`;
}

/** Formats moments as text in the viewer's language and time zone ("Mar 4, 2026, 13:06:07"), to the second. */
export function useFormatTime(): (value: Moment) => string {
  const format = useFormatter();
  const timeZone = useViewerTimeZone();
  return (value) =>
    format.dateTime(new Date(value), {
      timeZone,
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
}

/**
 * A moment in a `<time>` element: local date and time to the second, "3 min ago" beside it (kept current),
 * and the UTC instant in a tooltip on hover or keyboard focus (also its accessible description).
 */
export function Time({
  value,
  relative = true,
  className,
}: {
  value: Moment;
  /** Whether "3 min ago" follows the date. */
  relative?: boolean;
  className?: string;
}) {
  const formatTime = useFormatTime();
  const format = useFormatter();
  const now = useClock();
  const t = useTranslations("time");
  const tipId = useId();
  const date = new Date(value);
  const ago =
    Math.abs(now - date.getTime()) < 1000 ? t("justNow") : format.relativeTime(date, { now, style: "short" });
  return (
    <span className={cn("group relative inline-flex flex-wrap items-baseline gap-x-1.5", className)}>
      <time
        dateTime={date.toISOString()}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the UTC instant must be reachable by keyboard too.
        tabIndex={0}
        aria-describedby={tipId}
        className="rounded-sm tabular-nums focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        {formatTime(date)}
      </time>
      {relative ? <span className="text-xs text-zinc-500">{ago}</span> : null}
      <span
        id={tipId}
        role="tooltip"
        className="pointer-events-none absolute top-full left-0 z-30 mt-1 hidden rounded bg-zinc-900 px-2 py-1 text-xs whitespace-nowrap text-white group-focus-within:block group-hover:block"
      >
        {utcInstant(date)}
      </span>
    </span>
  );
}
