"use client";

import { PageError } from "@/components/dashboard/page-error";

/** Errors of a layout (e.g. the dashboard's, when the database is unavailable) land here. */
export default function RootError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-xl flex-col justify-center px-4">
      <PageError reset={reset} />
    </main>
  );
}
