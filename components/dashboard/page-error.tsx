"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** What an error boundary shows: nothing technical, and a way to try again. */
export function PageError({ reset }: { reset: () => void }) {
  return (
    <div className="flex max-w-xl flex-col gap-4">
      <Alert tone="danger" title="This page could not be loaded">
        Something went wrong on our side, or the database is unavailable. Your data is safe; try again in a
        moment.
      </Alert>
      <Button variant="secondary" onClick={reset} className="self-start">
        Try again
      </Button>
    </div>
  );
}
