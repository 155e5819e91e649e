"use client";

import { PageError } from "@/components/dashboard/page-error";

/** Errors of a dashboard page: the header stays, the page says what happened. */
export default function DashboardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError reset={reset} />;
}
