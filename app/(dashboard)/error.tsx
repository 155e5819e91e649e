"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function DashboardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
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
