"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Errors of a layout (e.g. the dashboard's, when the database is unavailable) land here. */
export default function RootError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-xl flex-col justify-center gap-4 px-4">
      <Alert tone="danger" title="AppHooks could not load this page">
        Something went wrong on our side, or the database is unavailable. Your data is safe; try again in a
        moment.
      </Alert>
      <Button variant="secondary" onClick={reset} className="self-start">
        Try again
      </Button>
    </main>
  );
}
